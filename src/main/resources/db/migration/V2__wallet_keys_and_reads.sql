-- Wallets get sealed key material; clients count their wallets so max_wallets holds under concurrency;
-- each (wallet, chain) hands out derivation indexes; reads get their indexes.

ALTER TABLE clients ADD COLUMN wallet_count integer NOT NULL DEFAULT 0 CHECK (wallet_count >= 0);
UPDATE clients c SET wallet_count = (SELECT count(*) FROM wallets w WHERE w.client_id = c.client_id);

-- nonce || AES-256-GCM ciphertext of the wallet's seed (never the seed itself)
ALTER TABLE wallets ADD COLUMN encrypted_seed bytea;
CREATE INDEX wallets_progressing ON wallets (created_at) WHERE status = 'PROGRESSING';

CREATE TABLE wallet_address_counters (
    wallet_id  text    NOT NULL REFERENCES wallets (wallet_id),
    chain      text    NOT NULL,
    next_index integer NOT NULL CHECK (next_index >= 0),
    PRIMARY KEY (wallet_id, chain)
);
INSERT INTO wallet_address_counters (wallet_id, chain, next_index)
SELECT wallet_id, chain, max(derivation_index) + 1 FROM accounts
WHERE derivation_index IS NOT NULL GROUP BY wallet_id, chain;

CREATE UNIQUE INDEX accounts_wallet_chain_index ON accounts (wallet_id, chain, derivation_index);
CREATE INDEX accounts_by_client ON accounts (client_id, created_at DESC, account_id DESC);
CREATE INDEX assets_by_client ON assets (client_id, created_at DESC, asset_id DESC);
