-- Which master key sealed this database's wallet seeds: HMAC-SHA256 under the key of a fixed string, written by the
-- first start that uses a key. A start with another key is refused instead of sealing new seeds under it.
CREATE TABLE wallet_master_key_check (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    check_value bytea       NOT NULL CHECK (octet_length(check_value) = 32),
    created_at  timestamptz NOT NULL DEFAULT now()
);
