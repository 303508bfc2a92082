-- The data-growth load (src/bench/growth.sh): plain INSERT ... SELECT from generate_series, through every
-- constraint, foreign key and trigger of the schema (so the list counters are filled the way Add Asset fills them),
-- in statements of at most 1,000,000 rows, each committed on its own.
--
--   :big_client      an existing client (made with `clients create`, so it can get tokens): gets big_wallets wallets,
--                    big_accounts ethereum accounts spread over them, and one asset (USDT on ethereum) per account
--   :clients         more clients, each with one wallet of accounts_per_client ethereum accounts holding
--                    assets_per_account assets each (distinct EVM (chain, symbol) pairs of the registry)
--   :registry        conf/asset-registry.json, as one line
-- Rows look real: ids have the API's shape (a 48-bit millisecond timestamp first, then hash digits, all in the
-- Crockford alphabet), so they sort by age like the server's ULIDs and before every row made during the run, and
-- created_at spreads over the past year.
\set ON_ERROR_STOP on
\timing on

CREATE TEMP TABLE load_combos AS
SELECT row_number() OVER (ORDER BY (r.chain, r.symbol) <> ('ethereum', 'USDT'), r.chain, r.symbol) AS k, r.*
FROM jsonb_to_recordset((:'registry'::jsonb) -> 'assets')
  AS r(chain text, symbol text, name text, contract_address text, decimals smallint, asset_type text)
WHERE r.chain IN (SELECT c ->> 'chain' FROM jsonb_array_elements((:'registry'::jsonb) -> 'chains') c
                  WHERE c ->> 'family' = 'EVM');
-- 'pfx_' + 12 hex digits of the millisecond + 14 hex digits of a hash: matches ^pfx_[0-9A-HJKMNP-TV-Z]{26}$
CREATE FUNCTION pg_temp.load_id(prefix text, at timestamptz, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT prefix || upper(lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0'))
         || upper(substr(md5(prefix || n::text), 1, 14))
$$;
-- the moment of row i of n, spread over the year that ended a day before the load
SELECT set_config('growth.started', now()::text, false) AS started \gset
CREATE FUNCTION pg_temp.load_at(i bigint, n bigint) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT date_trunc('second', current_setting('growth.started')::timestamptz) - interval '366 days'
         + interval '365 days' * (i::float8 / n)
$$;

\echo [load] the other clients and their wallets
INSERT INTO clients (client_id, client_name, api_key, api_secret_hash, status, max_wallets, wallet_count, created_at)
SELECT pg_temp.load_id('cli_', pg_temp.load_at(0, 1) - interval '1 day', c), 'growth ' || c, 'growth-key-' || c,
       sha256(('growth-secret-' || c)::bytea), 'ACTIVE', 10, 1, pg_temp.load_at(0, 1) - interval '1 day'
FROM generate_series(1, :clients) c;
INSERT INTO wallets (wallet_id, client_id, wallet_name, status, key_status, created_at, updated_at)
SELECT pg_temp.load_id('wal_', pg_temp.load_at(0, 1) - interval '1 day', c),
       pg_temp.load_id('cli_', pg_temp.load_at(0, 1) - interval '1 day', c),
       'growth', 'ACTIVE', 'ACTIVE', pg_temp.load_at(0, 1) - interval '1 day', pg_temp.load_at(0, 1) - interval '1 day'
FROM generate_series(1, :clients) c;

\echo [load] the wallets of the big client
UPDATE clients SET wallet_count = wallet_count + :big_wallets, max_wallets = max_wallets + :big_wallets
WHERE client_id = :'big_client';
INSERT INTO wallets (wallet_id, client_id, wallet_name, status, key_status, created_at, updated_at)
SELECT pg_temp.load_id('wal_', pg_temp.load_at(0, 1), -w), :'big_client', 'growth ' || w, 'ACTIVE', 'ACTIVE',
       pg_temp.load_at(0, 1), pg_temp.load_at(0, 1)
FROM generate_series(1, :big_wallets) w;

-- Account g (1..clients * accounts_per_client) of the other clients belongs to client (g - 1) / accounts_per_client + 1;
-- account -b (b = 1..big_accounts) to the big client, wallet b mod big_wallets. Ids and times follow from the numbers,
-- so the asset statements recompute them instead of reading the accounts back.
SELECT :clients * :accounts_per_client AS other_accounts \gset

\echo [load] :other_accounts accounts of the other clients
SELECT format($q$
  INSERT INTO accounts (account_id, wallet_id, client_id, chain, network, address, address_type, account_type, status,
                        derivation_index, created_at, updated_at)
  SELECT pg_temp.load_id('acc_', t, g), pg_temp.load_id('wal_', pg_temp.load_at(0, 1) - interval '1 day', c),
         pg_temp.load_id('cli_', pg_temp.load_at(0, 1) - interval '1 day', c), 'ethereum', 'mainnet',
         '0x1' || lpad(to_hex(g), 39, '0'), 'INBOUND', 'INBOUND', 'ACTIVE', (g - 1) %% %2$s, t, t
  FROM generate_series(%3$s, %4$s) g,
       LATERAL (SELECT (g - 1) / %2$s + 1 AS c, pg_temp.load_at(g, %1$s) AS t) x$q$,
  :other_accounts, :accounts_per_client, lo, least(lo + 999999, :other_accounts))
FROM generate_series(1, :other_accounts, 1000000) lo \gexec

\echo [load] :big_accounts accounts of the big client
SELECT format($q$
  INSERT INTO accounts (account_id, wallet_id, client_id, chain, network, address, address_type, account_type, status,
                        derivation_index, created_at, updated_at)
  SELECT pg_temp.load_id('acc_', t, -b), pg_temp.load_id('wal_', pg_temp.load_at(0, 1), -(b %% %2$s + 1)),
         %3$L, 'ethereum', 'mainnet', '0x2' || lpad(to_hex(b), 39, '0'), 'INBOUND', 'INBOUND', 'ACTIVE', b, t, t
  FROM generate_series(%4$s, %5$s) b, LATERAL (SELECT pg_temp.load_at(b, %1$s) AS t) x$q$,
  :big_accounts, :big_wallets, :'big_client', lo, least(lo + 999999, :big_accounts))
FROM generate_series(1, :big_accounts, 1000000) lo \gexec

\echo [load] :assets_per_account assets on each account of the other clients
SELECT (1000000 / :assets_per_account) AS accounts_per_statement \gset
SELECT format($q$
  INSERT INTO assets (asset_id, account_id, wallet_id, client_id, chain, symbol, network, name, contract_address,
                      decimals, asset_type, created_at, address)
  SELECT pg_temp.load_id('ast_', t + k.k * interval '1 second', g * 100 + k.k), pg_temp.load_id('acc_', t, g),
         pg_temp.load_id('wal_', pg_temp.load_at(0, 1) - interval '1 day', c),
         pg_temp.load_id('cli_', pg_temp.load_at(0, 1) - interval '1 day', c),
         k.chain, k.symbol, 'mainnet', k.name, k.contract_address, k.decimals, k.asset_type,
         t + k.k * interval '1 second', '0x1' || lpad(to_hex(g), 39, '0') -- the account's address
  FROM generate_series(%3$s, %4$s) g,
       LATERAL (SELECT (g - 1) / %2$s + 1 AS c, pg_temp.load_at(g, %1$s) AS t) x,
       load_combos k
  WHERE k.k <= %5$s
  ORDER BY g, k.k$q$,
  :other_accounts, :accounts_per_client, lo, least(lo + :accounts_per_statement - 1, :other_accounts),
  :assets_per_account)
FROM generate_series(1, :other_accounts, :accounts_per_statement) lo \gexec

\echo [load] one asset on each account of the big client
SELECT format($q$
  INSERT INTO assets (asset_id, account_id, wallet_id, client_id, chain, symbol, network, name, contract_address,
                      decimals, asset_type, created_at, address)
  SELECT pg_temp.load_id('ast_', t + interval '1 second', -b), pg_temp.load_id('acc_', t, -b),
         pg_temp.load_id('wal_', pg_temp.load_at(0, 1), -(b %% %2$s + 1)), %3$L,
         k.chain, k.symbol, 'mainnet', k.name, k.contract_address, k.decimals, k.asset_type, t + interval '1 second',
         '0x2' || lpad(to_hex(b), 39, '0') -- the account's address
  FROM generate_series(%4$s, %5$s) b, LATERAL (SELECT pg_temp.load_at(b, %1$s) AS t) x, load_combos k
  WHERE k.k = 1
  ORDER BY b$q$,
  :big_accounts, :big_wallets, :'big_client', lo, least(lo + 999999, :big_accounts))
FROM generate_series(1, :big_accounts, 1000000) lo \gexec

\echo [load] VACUUM ANALYZE, CHECKPOINT
VACUUM ANALYZE;
CHECKPOINT;
