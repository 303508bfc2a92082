-- Reads of one account's assets are served by the unique (account_id, chain, symbol) index (an account holds
-- a few dozen assets at most, sorted in memory); a second per-account index only slowed every insert.
DROP INDEX assets_by_account;
