-- Balances move only through transactions: an append-only ledger, the transactions themselves, and the
-- sandbox chain that carries them. The constraints here are what makes the money path safe; the Java code
-- relies on them (unique effects per transaction, non-negative balances, append-only entries).

-- An asset is one on-chain balance. EVM accounts of a wallet share addresses, so the address is kept on the
-- asset and (chain, address, symbol) is unique: a deposit to an address credits exactly one asset.
ALTER TABLE assets ADD COLUMN address text;
UPDATE assets s SET address = a.address FROM accounts a WHERE a.account_id = s.account_id;
-- Before this migration no balance could change, so a second asset on the same on-chain balance holds nothing.
DELETE FROM assets s USING assets t
WHERE s.chain = t.chain AND s.address = t.address AND s.symbol = t.symbol
  AND (s.created_at, s.asset_id) > (t.created_at, t.asset_id);
ALTER TABLE assets ALTER COLUMN address SET NOT NULL;
CREATE UNIQUE INDEX assets_chain_address_symbol ON assets (chain, address, symbol);

CREATE TABLE transactions (
    tx_id                  text        PRIMARY KEY,
    client_id              text        NOT NULL,
    wallet_id              text        NOT NULL,
    account_id             text        NOT NULL,
    asset_id               text        NOT NULL REFERENCES assets (asset_id),
    chain                  text        NOT NULL,
    symbol                 text        NOT NULL,
    direction              text        NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    from_address           text        NOT NULL,
    to_address             text        NOT NULL,
    amount                 numeric     NOT NULL CHECK (amount > 0),
    memo                   text        NOT NULL DEFAULT '' CHECK (length(memo) <= 100),
    status                 text        NOT NULL CHECK (status IN ('PENDING', 'SIGNED', 'BROADCAST', 'CONFIRMING',
                                                                  'CONFIRMED', 'FAILED')),
    -- What the chain knows: '' and 0 until broadcast and included.
    tx_hash                text        NOT NULL DEFAULT '',
    block_number           bigint      NOT NULL DEFAULT 0 CHECK (block_number >= 0),
    confirmations          integer     NOT NULL DEFAULT 0 CHECK (confirmations >= 0),
    required_confirmations integer     NOT NULL CHECK (required_confirmations >= 0),
    -- An OUTBOUND transfer once signed: the account nonce used, the signed bytes and their hash.
    nonce                  bigint      CHECK (nonce >= 0),
    signed_tx              bytea,
    signed_hash            text,
    -- An INBOUND credit made by one of this server's own transfers: that transfer.
    source_tx_id           text        REFERENCES transactions (tx_id),
    failure_reason         text        NOT NULL DEFAULT '',
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    confirmed_at           timestamptz,
    FOREIGN KEY (account_id, wallet_id, client_id) REFERENCES accounts (account_id, wallet_id, client_id),
    -- A deposit is seen on chain: it never passes through the signing states.
    CHECK (direction = 'OUTBOUND' OR status IN ('CONFIRMING', 'CONFIRMED', 'FAILED')),
    CHECK (status NOT IN ('SIGNED', 'BROADCAST', 'CONFIRMING', 'CONFIRMED') OR direction = 'INBOUND'
           OR (signed_tx IS NOT NULL AND signed_hash IS NOT NULL AND nonce IS NOT NULL))
);
-- A transfer credits its recipient at most once.
CREATE UNIQUE INDEX transactions_credit_of_transfer ON transactions (source_tx_id) WHERE source_tx_id IS NOT NULL;
CREATE INDEX transactions_by_client ON transactions (client_id, created_at DESC, tx_id DESC);
-- The chain worker's queue: only transactions still moving.
CREATE INDEX transactions_in_flight ON transactions (chain, status, created_at)
    WHERE status NOT IN ('CONFIRMED', 'FAILED');

-- The next nonce of each (chain, address) that signs transfers; the row lock orders concurrent signers.
CREATE TABLE account_nonces (
    chain      text   NOT NULL,
    address    text   NOT NULL,
    next_nonce bigint NOT NULL CHECK (next_nonce >= 0),
    PRIMARY KEY (chain, address)
);

-- Every change of an asset's balance or locked_balance, tied to the transaction that caused it. Each kind
-- of effect happens at most once per transaction, so a retried or resumed step cannot debit or credit twice.
CREATE TABLE ledger_entries (
    entry_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_id      text        NOT NULL REFERENCES assets (asset_id),
    tx_id         text        NOT NULL REFERENCES transactions (tx_id),
    kind          text        NOT NULL CHECK (kind IN ('CREDIT', 'LOCK', 'SETTLE', 'RELEASE')),
    amount        numeric     NOT NULL CHECK (amount > 0),
    balance_delta numeric     NOT NULL,
    locked_delta  numeric     NOT NULL,
    balance_after numeric     NOT NULL CHECK (balance_after >= 0),
    locked_after  numeric     NOT NULL CHECK (locked_after >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tx_id, kind),
    CHECK ((kind = 'CREDIT'  AND balance_delta = amount  AND locked_delta = 0)
        OR (kind = 'LOCK'    AND balance_delta = -amount AND locked_delta = amount)
        OR (kind = 'SETTLE'  AND balance_delta = 0       AND locked_delta = -amount)
        OR (kind = 'RELEASE' AND balance_delta = amount  AND locked_delta = -amount))
);
-- A locked amount leaves once: settled at confirmation or released at failure, never both.
CREATE UNIQUE INDEX ledger_entries_one_outcome ON ledger_entries (tx_id) WHERE kind IN ('SETTLE', 'RELEASE');
CREATE INDEX ledger_entries_by_asset ON ledger_entries (asset_id, entry_id);

CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();

-- The sandbox chain: one clock per chain, and the transactions it has received. Shared by every instance on
-- this database; the clock row is the lease, so a block is produced once whatever the number of instances.
CREATE TABLE sandbox_chains (
    chain         text        PRIMARY KEY,
    height        bigint      NOT NULL DEFAULT 0 CHECK (height >= 0),
    last_block_at timestamptz NOT NULL DEFAULT '-infinity'
);

CREATE TABLE sandbox_mempool (
    chain        text        NOT NULL,
    tx_hash      text        NOT NULL,
    raw          bytea,
    received_at  timestamptz NOT NULL DEFAULT now(),
    block_number bigint      CHECK (block_number > 0),
    PRIMARY KEY (chain, tx_hash)
);
CREATE INDEX sandbox_mempool_waiting ON sandbox_mempool (chain) WHERE block_number IS NULL;
