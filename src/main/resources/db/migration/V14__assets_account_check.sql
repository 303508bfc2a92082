-- Every asset's (account, wallet, client) is an account: kept by statement-level triggers instead of the foreign key.
-- The foreign key checked each inserted asset with a query of its own and took a key-share lock on the account row
-- (a WAL record and a dirtied accounts page per asset): on Add Asset's hot path, 32-request batches, that was 13 to 15
-- of PostgreSQL's ~70 µs of CPU per asset (README, Performance). The guarantee stays whole, for every writer (the
-- server, psql, a loader):
--   * an INSERT into assets: the statement's new rows are checked against accounts in one query, after the insert;
--   * an UPDATE of an asset's account, wallet or client, or of an account's id: refused (nothing does either);
--   * a DELETE from accounts: first takes SHARE on assets, so it waits for asset writes in flight and holds new ones
--     off until it ends, then refuses if any asset refers to a deleted account;
--   * TRUNCATE accounts: refused while assets holds rows (truncate assets in the same command, or first).
-- The checks read with a fresh snapshot, which is sound in READ COMMITTED (every statement of the server). An asset
-- inserted in a REPEATABLE READ or SERIALIZABLE transaction also key-share-locks its accounts, as the foreign key did
-- (a concurrent delete then fails that transaction); deleting accounts is refused outside READ COMMITTED.
-- Violations raise SQLSTATE 23503 (foreign_key_violation), as the foreign key did.
ALTER TABLE assets DROP CONSTRAINT assets_account_id_wallet_id_client_id_fkey;

CREATE FUNCTION assets_check_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orphan record;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    -- the transaction's snapshot may be older than a delete that committed since: lock what it sees, as the
    -- foreign key did (a row deleted meanwhile fails this transaction with a serialization error)
    PERFORM 1 FROM accounts a WHERE a.account_id IN (SELECT account_id FROM new_assets) FOR KEY SHARE OF a;
  END IF;
  SELECT n.asset_id, n.account_id, n.wallet_id, n.client_id INTO orphan FROM new_assets n
  WHERE NOT EXISTS (SELECT 1 FROM accounts a
                    WHERE a.account_id = n.account_id AND a.wallet_id = n.wallet_id AND a.client_id = n.client_id)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'asset % refers to account % of wallet % and client %, which is not an account', orphan.asset_id,
      orphan.account_id, orphan.wallet_id, orphan.client_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION accounts_lock_assets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'accounts are deleted in READ COMMITTED transactions only: the check that no asset refers to them'
      ' reads with a fresh snapshot' USING ERRCODE = 'feature_not_supported';
  END IF;
  LOCK TABLE assets IN SHARE MODE;
  RETURN NULL;
END $$;

CREATE FUNCTION accounts_check_no_assets() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held record;
BEGIN
  SELECT s.asset_id, s.account_id INTO held FROM removed_accounts r JOIN assets s ON s.account_id = r.account_id LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'account % holds asset %: an account with assets is never deleted', held.account_id, held.asset_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION accounts_truncate_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM assets) THEN
    RAISE EXCEPTION 'accounts cannot be truncated while assets refer to them: truncate assets in the same command'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION refuse_reference_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the account an asset belongs to never changes (% rows)', TG_TABLE_NAME
    USING ERRCODE = 'foreign_key_violation';
END $$;

CREATE TRIGGER assets_account_exists AFTER INSERT ON assets
    REFERENCING NEW TABLE AS new_assets FOR EACH STATEMENT EXECUTE FUNCTION assets_check_accounts();
CREATE TRIGGER assets_account_fixed BEFORE UPDATE OF account_id, wallet_id ON assets FOR EACH ROW
    WHEN (OLD.account_id IS DISTINCT FROM NEW.account_id OR OLD.wallet_id IS DISTINCT FROM NEW.wallet_id)
    EXECUTE FUNCTION refuse_reference_change();
CREATE TRIGGER accounts_delete_locks_assets BEFORE DELETE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_lock_assets();
CREATE TRIGGER accounts_deleted_without_assets AFTER DELETE ON accounts
    REFERENCING OLD TABLE AS removed_accounts FOR EACH STATEMENT EXECUTE FUNCTION accounts_check_no_assets();
CREATE TRIGGER accounts_truncated_without_assets AFTER TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_truncate_check();
CREATE TRIGGER accounts_id_fixed BEFORE UPDATE OF account_id ON accounts FOR EACH ROW
    WHEN (OLD.account_id IS DISTINCT FROM NEW.account_id) EXECUTE FUNCTION refuse_reference_change();
