package io.assetgateway.wallet;

import io.assetgateway.web.Page;
import io.assetgateway.web.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** All SQL on the wallets table. */
final class WalletStorage {
  private static final String COLUMNS =
      "wallet_id, client_id, wallet_name, description, status, key_status, created_at, updated_at";
  /**
   * Takes a slot under max_wallets and inserts in one statement. The UPDATE re-checks its condition after
   * waiting for a concurrent creator's row lock, so N concurrent creates never exceed the limit.
   */
  private static final String CREATE = """
      WITH slot AS (
        UPDATE clients SET wallet_count = wallet_count + 1
        WHERE client_id = $1 AND wallet_count < max_wallets
        RETURNING client_id
      )
      INSERT INTO wallets (wallet_id, client_id, wallet_name, description, status, key_status)
      SELECT $2, client_id, $3, $4, 'PROGRESSING', 'GENERATING' FROM slot
      RETURNING\s""" + COLUMNS;
  private static final String FIND = "SELECT " + COLUMNS + " FROM wallets WHERE wallet_id = $1 AND client_id = $2";
  /** A client's wallets, at most its max_wallets: counted directly, over wallets_by_client. */
  private static final String LIST = """
      WITH counted AS (
        SELECT count(*) AS total FROM wallets WHERE client_id = $1
      ), page AS (
        SELECT wallet_id FROM wallets WHERE client_id = $1 ORDER BY created_at DESC, wallet_id DESC LIMIT $2 OFFSET $3
      )
      SELECT p.*, counted.total FROM counted
      LEFT JOIN (SELECT r.* FROM page CROSS JOIN LATERAL (
        SELECT %s FROM wallets WHERE wallet_id = page.wallet_id LIMIT 1) r) p ON true
      ORDER BY p.created_at DESC, p.wallet_id DESC""".formatted(COLUMNS);
  private static final String PENDING = """
      SELECT wallet_id FROM wallets WHERE status = 'PROGRESSING' AND encrypted_seed IS NULL
      ORDER BY created_at LIMIT $1""";
  private static final String COMPLETE_KEYS = """
      UPDATE wallets SET encrypted_seed = $2, status = 'ACTIVE', key_status = 'ACTIVE', updated_at = now()
      WHERE wallet_id = $1 AND status = 'PROGRESSING' AND encrypted_seed IS NULL""";
  private static final String SEED_FOR_ACCOUNT = """
      SELECT status, key_status, encrypted_seed FROM wallets WHERE wallet_id = $1 AND client_id = $2 FOR SHARE""";
  private static final String INSERT_ACTIVE_BATCH = """
      WITH counted AS (
        UPDATE clients SET wallet_count = wallet_count + cardinality($2::text[]) WHERE client_id = $1
      )
      INSERT INTO wallets (wallet_id, client_id, wallet_name, status, key_status, encrypted_seed)
      SELECT w.wallet_id, $1, w.wallet_name, 'ACTIVE', 'ACTIVE', w.encrypted_seed
      FROM unnest($2::text[], $3::text[], $4::bytea[]) AS w(wallet_id, wallet_name, encrypted_seed)""";
  private static final String MASTER_KEY_CHECK = "SELECT check_value FROM wallet_master_key_check";
  private static final String RECORD_MASTER_KEY_CHECK =
      "INSERT INTO wallet_master_key_check (check_value) VALUES ($1) ON CONFLICT DO NOTHING";
  private static final String OLDEST_SEALED_SEED = """
      SELECT wallet_id, encrypted_seed FROM wallets WHERE encrypted_seed IS NOT NULL
      ORDER BY created_at, wallet_id LIMIT 1""";

  private final SqlClient db;

  WalletStorage(SqlClient db) {
    this.db = db;
  }

  /** A new PROGRESSING wallet, or empty when the client is at max_wallets. */
  Future<Optional<Wallet>> create(String clientId, String walletId, String name, String description) {
    return db.preparedQuery(CREATE).execute(Tuple.of(clientId, walletId, name, description)).map(WalletStorage::first);
  }

  /** The caller's wallet, or empty (also for another client's wallet). */
  Future<Optional<Wallet>> find(String clientId, String walletId) {
    return db.preparedQuery(FIND).execute(Tuple.of(walletId, clientId)).map(WalletStorage::first);
  }

  /** The caller's wallets, newest first. */
  Future<Page<Wallet>> list(String clientId, PageRequest page) {
    return Page.fetch(db, LIST, page, WalletStorage::mapToWallet, clientId);
  }

  /** Ids of wallets still waiting for key material, oldest first. */
  Future<List<String>> pendingKeyGeneration(int limit) {
    return db.preparedQuery(PENDING).execute(Tuple.of(limit)).map(rows -> {
      List<String> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getString("wallet_id")));
      return ids;
    });
  }

  /** Stores the sealed seed and activates the wallet; false if another worker got there first. */
  Future<Boolean> completeKeys(String walletId, byte[] encryptedSeed) {
    return db.preparedQuery(COMPLETE_KEYS).execute(Tuple.of(walletId, io.vertx.core.buffer.Buffer.buffer(encryptedSeed)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Status and sealed seed of the caller's wallet, share-locked for the enclosing transaction. */
  Future<Optional<KeyedWallet>> lockForAccount(String clientId, String walletId) {
    return db.preparedQuery(SEED_FOR_ACCOUNT).execute(Tuple.of(walletId, clientId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      io.vertx.core.buffer.Buffer seed = row.getBuffer("encrypted_seed");
      boolean active = WalletStatus.valueOf(row.getString("status")) == WalletStatus.ACTIVE
          && KeyStatus.valueOf(row.getString("key_status")) == KeyStatus.ACTIVE && seed != null;
      return Optional.of(new KeyedWallet(active, seed == null ? null : seed.getBytes()));
    });
  }

  /** Inserts ACTIVE wallets with sealed seeds for a client in one statement (load-test seeding). */
  Future<Void> insertActive(String clientId, List<String> walletIds, List<String> names, List<byte[]> sealedSeeds) {
    io.vertx.core.buffer.Buffer[] seeds = sealedSeeds.stream().map(io.vertx.core.buffer.Buffer::buffer)
        .toArray(io.vertx.core.buffer.Buffer[]::new);
    return db.preparedQuery(INSERT_ACTIVE_BATCH)
        .execute(Tuple.of(clientId, walletIds.toArray(new String[0]), names.toArray(new String[0]), seeds))
        .mapEmpty();
  }

  /** The recorded check value of the master key that seals this database's seeds, if one was recorded. */
  Future<Optional<byte[]>> masterKeyCheck() {
    return db.query(MASTER_KEY_CHECK).execute().map(rows -> rows.size() == 0
        ? Optional.empty() : Optional.of(rows.iterator().next().getBuffer("check_value").getBytes()));
  }

  /** Records the check value unless one is already recorded (the first start wins; read it back to compare). */
  Future<Void> recordMasterKeyCheck(byte[] checkValue) {
    return db.preparedQuery(RECORD_MASTER_KEY_CHECK).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(checkValue)))
        .mapEmpty();
  }

  /** The oldest wallet that has a sealed seed (databases sealed before the key check was recorded). */
  Future<Optional<StoredSeed>> oldestSealedSeed() {
    return db.query(OLDEST_SEALED_SEED).execute().map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new StoredSeed(row.getString("wallet_id"), row.getBuffer("encrypted_seed").getBytes()));
    });
  }

  private static Optional<Wallet> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(mapToWallet(rows.iterator().next()));
  }

  private static Wallet mapToWallet(Row row) {
    return new Wallet(row.getString("wallet_id"), row.getString("client_id"), row.getString("wallet_name"),
        row.getString("description"), WalletStatus.valueOf(row.getString("status")),
        KeyStatus.valueOf(row.getString("key_status")),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  /** A wallet's readiness for new accounts and its sealed seed. */
  record KeyedWallet(boolean active, byte[] sealedSeed) {}

  /** A wallet's sealed seed, whatever its status. */
  record StoredSeed(String walletId, byte[] sealedSeed) {}
}
