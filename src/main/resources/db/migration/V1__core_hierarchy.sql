-- The client -> wallet -> account -> asset hierarchy. Constraints here are the source of truth:
-- composite foreign keys keep every row inside one client, and the unique key on assets decides
-- which of several concurrent identical Add Asset requests wins.

CREATE TABLE clients (
    client_id         text        PRIMARY KEY,
    client_name       text        NOT NULL CHECK (length(client_name) BETWEEN 1 AND 200),
    api_key           text        NOT NULL UNIQUE,
    api_secret_hash   bytea       NOT NULL CHECK (length(api_secret_hash) = 32),
    status            text        NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
    subscription_tier text        NOT NULL DEFAULT '',
    max_wallets       integer     NOT NULL CHECK (max_wallets >= 0),
    allowed_ips       cidr[]      NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE wallets (
    wallet_id   text        PRIMARY KEY,
    client_id   text        NOT NULL REFERENCES clients (client_id),
    wallet_name text        NOT NULL CHECK (length(wallet_name) BETWEEN 1 AND 100),
    description text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    status      text        NOT NULL CHECK (status IN ('PROGRESSING', 'ACTIVE', 'INACTIVE')),
    key_status  text        NOT NULL CHECK (key_status IN ('GENERATING', 'ACTIVE', 'FAILED')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (wallet_id, client_id)
);
CREATE INDEX wallets_by_client ON wallets (client_id, created_at DESC, wallet_id DESC);

CREATE TABLE accounts (
    account_id       text        PRIMARY KEY,
    wallet_id        text        NOT NULL,
    client_id        text        NOT NULL,
    chain            text        NOT NULL,
    network          text        NOT NULL,
    address          text        NOT NULL,
    address_type     text        NOT NULL,
    account_type     text        NOT NULL DEFAULT 'INBOUND' CHECK (account_type IN ('INBOUND')),
    label            text        NOT NULL DEFAULT '' CHECK (length(label) <= 100),
    status           text        NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
    derivation_index integer     CHECK (derivation_index >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (wallet_id, client_id) REFERENCES wallets (wallet_id, client_id),
    UNIQUE (account_id, wallet_id, client_id),
    UNIQUE (chain, address)
);
CREATE INDEX accounts_by_wallet ON accounts (wallet_id, created_at DESC, account_id DESC);

CREATE TABLE assets (
    asset_id         text        PRIMARY KEY,
    account_id       text        NOT NULL,
    wallet_id        text        NOT NULL,
    client_id        text        NOT NULL,
    chain            text        NOT NULL,
    symbol           text        NOT NULL,
    -- What the registry resolved at creation: decimals must never change under an existing balance.
    network          text        NOT NULL,
    name             text        NOT NULL,
    contract_address text,
    decimals         smallint    NOT NULL CHECK (decimals BETWEEN 0 AND 36),
    asset_type       text        NOT NULL CHECK (asset_type IN ('NATIVE', 'ERC20', 'BEP20', 'TRC20')),
    balance          numeric     NOT NULL DEFAULT 0 CHECK (balance >= 0),
    locked_balance   numeric     NOT NULL DEFAULT 0 CHECK (locked_balance >= 0),
    is_active        boolean     NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (account_id, wallet_id, client_id) REFERENCES accounts (account_id, wallet_id, client_id),
    CONSTRAINT assets_account_chain_symbol_key UNIQUE (account_id, chain, symbol)
);
CREATE INDEX assets_by_account ON assets (account_id, created_at DESC, asset_id DESC);
