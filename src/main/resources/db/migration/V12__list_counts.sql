-- Exact list totals without counting a client's rows on every page: per-client asset counts and per-(client, wallet)
-- account counts, kept by statement-level triggers in the transaction that inserts or deletes the rows, so a list
-- statement reading them sees exactly the rows its own snapshot sees.
--
-- Sharded: a statement adds to the row of shard (its backend's pid mod N). One backend runs one statement at a time,
-- and a pool's connections have distinct pids, so concurrent Add Asset batches of one client update different rows
-- instead of queueing on one row lock until each other's commit. A total is the sum of a client's shards.

-- No row may be added between the backfill below and the triggers taking over (a rolling deploy keeps writing).
LOCK TABLE accounts, assets IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE asset_counts (
    client_id text    NOT NULL,
    shard     integer NOT NULL,
    n         bigint  NOT NULL, -- one shard may go negative after deletes; the sum is what counts
    PRIMARY KEY (client_id, shard)
);

CREATE TABLE account_counts (
    client_id text    NOT NULL,
    wallet_id text    NOT NULL,
    shard     integer NOT NULL,
    n         bigint  NOT NULL,
    PRIMARY KEY (client_id, wallet_id, shard)
);

-- 64 shards: more than the pool's connections of an instance, so its concurrent batches rarely share a row.
CREATE FUNCTION asset_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- ordered by client: statements touching several clients lock their rows in one order (no deadlock)
  INSERT INTO asset_counts AS c (client_id, shard, n)
  SELECT client_id, pg_backend_pid() % 64, count(*) FROM added_assets GROUP BY client_id ORDER BY client_id
  ON CONFLICT (client_id, shard) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;

CREATE FUNCTION asset_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO asset_counts AS c (client_id, shard, n)
  SELECT client_id, pg_backend_pid() % 64, -count(*) FROM removed_assets GROUP BY client_id ORDER BY client_id
  ON CONFLICT (client_id, shard) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;

CREATE FUNCTION asset_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM asset_counts;
  RETURN NULL;
END $$;

-- Accounts are created one at a time (or in seeding batches): 16 shards per wallet are plenty.
CREATE FUNCTION account_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_counts AS c (client_id, wallet_id, shard, n)
  SELECT client_id, wallet_id, pg_backend_pid() % 16, count(*) FROM added_accounts
  GROUP BY client_id, wallet_id ORDER BY client_id, wallet_id
  ON CONFLICT (client_id, wallet_id, shard) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;

CREATE FUNCTION account_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_counts AS c (client_id, wallet_id, shard, n)
  SELECT client_id, wallet_id, pg_backend_pid() % 16, -count(*) FROM removed_accounts
  GROUP BY client_id, wallet_id ORDER BY client_id, wallet_id
  ON CONFLICT (client_id, wallet_id, shard) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;

CREATE FUNCTION account_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM account_counts;
  RETURN NULL;
END $$;

-- The counts are per owner: a row that moved to another client or wallet would leave its count behind.
CREATE FUNCTION refuse_owner_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the owner (client, wallet) of % rows never changes: list totals are counted per owner', TG_TABLE_NAME;
END $$;

CREATE TRIGGER assets_counted_on_insert AFTER INSERT ON assets
    REFERENCING NEW TABLE AS added_assets FOR EACH STATEMENT EXECUTE FUNCTION asset_counts_add();
CREATE TRIGGER assets_counted_on_delete AFTER DELETE ON assets
    REFERENCING OLD TABLE AS removed_assets FOR EACH STATEMENT EXECUTE FUNCTION asset_counts_remove();
CREATE TRIGGER assets_counted_on_truncate AFTER TRUNCATE ON assets
    FOR EACH STATEMENT EXECUTE FUNCTION asset_counts_clear();
CREATE TRIGGER assets_owner_fixed BEFORE UPDATE OF client_id ON assets FOR EACH ROW
    WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION refuse_owner_change();

CREATE TRIGGER accounts_counted_on_insert AFTER INSERT ON accounts
    REFERENCING NEW TABLE AS added_accounts FOR EACH STATEMENT EXECUTE FUNCTION account_counts_add();
CREATE TRIGGER accounts_counted_on_delete AFTER DELETE ON accounts
    REFERENCING OLD TABLE AS removed_accounts FOR EACH STATEMENT EXECUTE FUNCTION account_counts_remove();
CREATE TRIGGER accounts_counted_on_truncate AFTER TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION account_counts_clear();
CREATE TRIGGER accounts_owner_fixed BEFORE UPDATE OF client_id, wallet_id ON accounts FOR EACH ROW
    WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id OR OLD.wallet_id IS DISTINCT FROM NEW.wallet_id)
    EXECUTE FUNCTION refuse_owner_change();

INSERT INTO asset_counts (client_id, shard, n) SELECT client_id, 0, count(*) FROM assets GROUP BY client_id;
INSERT INTO account_counts (client_id, wallet_id, shard, n)
SELECT client_id, wallet_id, 0, count(*) FROM accounts GROUP BY client_id, wallet_id;
