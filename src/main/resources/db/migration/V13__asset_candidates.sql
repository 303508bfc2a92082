-- The asset registry's candidate table for Add Asset: (request key, account chain) -> the entry it resolves to. The
-- registry is a file each server loads at start; the server writes its candidate rows here, under an id that is the
-- hash of those rows, the first time it adds an asset (AssetStorage), and its Add Asset statement reads them with
-- one index look-up per request. Before this table the statement carried the whole table as constants and unnested
-- all of it (141 rows) on every execution: about 0.3 ms of PostgreSQL's CPU per batch.
--
-- Keyed by registry id, so servers with different registry files (a rolling deploy that changes the file) each read
-- their own rows. Rows of registries no longer in use stay: a few hundred small rows each.
CREATE TABLE asset_candidates (
    registry         text     NOT NULL, -- hex SHA-256 of the registry's candidate rows
    rkey             text     NOT NULL, -- the request's symbol '|' requested chain (empty when none)
    account_chain    text     NOT NULL,
    chain            text     NOT NULL,
    symbol           text     NOT NULL,
    network          text     NOT NULL,
    name             text     NOT NULL,
    contract_address text,              -- null for a chain's native coin
    decimals         smallint NOT NULL,
    asset_type       text     NOT NULL,
    PRIMARY KEY (registry, rkey, account_chain)
);
