-- The batching ceiling: what PostgreSQL itself commits when each transaction inserts 16 distinct Add Asset rows
-- (the next 16 (account, chain, symbol) from bench_combos) in one statement, the way the server's batches do.
WITH k AS (SELECT nextval('bench_combo_seq') AS n FROM generate_series(1, 16))
INSERT INTO assets (asset_id, account_id, wallet_id, client_id, address, chain, symbol, network, name,
                    contract_address, decimals, asset_type)
SELECT 'ast_pgbench_' || c.n, a.account_id, a.wallet_id, a.client_id, a.address, c.chain, c.symbol, c.network, c.name,
       c.contract_address, c.decimals, c.asset_type
FROM k JOIN bench_combos c ON c.n = k.n JOIN accounts a ON a.account_id = c.account_id AND a.client_id = c.client_id
WHERE a.status = 'ACTIVE'
ORDER BY a.account_id, c.chain, c.symbol
ON CONFLICT (chain, address, symbol) DO NOTHING;
