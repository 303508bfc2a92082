-- The ceiling: what PostgreSQL itself commits as single-row Add Asset transactions. Each transaction takes
-- the next distinct (account, chain, symbol) from bench_combos and inserts it the way the server does:
-- INSERT ... SELECT joined to the account row (its address is the asset's on-chain balance), ACTIVE only,
-- ON CONFLICT DO NOTHING on the (chain, address, symbol) key, as the server does.
WITH k AS (SELECT nextval('bench_combo_seq') AS n)
INSERT INTO assets (asset_id, account_id, wallet_id, client_id, address, chain, symbol, network, name,
                    contract_address, decimals, asset_type)
SELECT 'ast_pgbench_' || c.n, a.account_id, a.wallet_id, a.client_id, a.address, c.chain, c.symbol, c.network, c.name,
       c.contract_address, c.decimals, c.asset_type
FROM k JOIN bench_combos c ON c.n = k.n JOIN accounts a ON a.account_id = c.account_id AND a.client_id = c.client_id
WHERE a.status = 'ACTIVE'
ON CONFLICT (chain, address, symbol) DO NOTHING;
