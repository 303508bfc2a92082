package io.assetgateway.idempotency;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** All SQL on the idempotency_keys table. */
final class IdempotencyStorage {
  /**
   * Takes the key: a new key, one whose stored answer expired, or one left in progress past its lease by the same
   * request (its first attempt never finished). Returns no row when another request holds or answered the key.
   */
  private static final String CLAIM = """
      INSERT INTO idempotency_keys AS k (client_id, idempotency_key, request_hash, state, owner, locked_until,
                                         expires_at)
      VALUES ($1, $2, $3, 'in_progress', $4, now() + $5 * interval '1 second', now() + $6 * interval '1 hour')
      ON CONFLICT (client_id, idempotency_key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, state = 'in_progress', owner = EXCLUDED.owner, status_code = NULL,
            response_body = NULL, created_at = now(), locked_until = EXCLUDED.locked_until,
            expires_at = EXCLUDED.expires_at
        WHERE k.expires_at <= now()
           OR (k.state = 'in_progress' AND k.locked_until <= now() AND k.request_hash = EXCLUDED.request_hash)
      RETURNING owner""";
  private static final String FIND = "SELECT request_hash, state, status_code, response_body FROM idempotency_keys"
      + " WHERE client_id = $1 AND idempotency_key = $2 AND expires_at > now()";
  private static final String COMPLETE = "UPDATE idempotency_keys SET state = 'done', status_code = $4,"
      + " response_body = $5 WHERE client_id = $1 AND idempotency_key = $2 AND owner = $3 AND state = 'in_progress'";
  private static final String RELEASE = "DELETE FROM idempotency_keys"
      + " WHERE client_id = $1 AND idempotency_key = $2 AND owner = $3 AND state = 'in_progress'";
  private static final String DELETE_EXPIRED = """
      DELETE FROM idempotency_keys WHERE (client_id, idempotency_key) IN (
        SELECT client_id, idempotency_key FROM idempotency_keys WHERE expires_at <= now()
        LIMIT $1 FOR UPDATE SKIP LOCKED)""";

  private final SqlClient db;

  IdempotencyStorage(SqlClient db) {
    this.db = db;
  }

  /** True when {@code owner} now holds the key. */
  Future<Boolean> claim(String clientId, String key, byte[] requestHash, UUID owner, int leaseSeconds, int ttlHours) {
    return db.preparedQuery(CLAIM)
        .execute(Tuple.of(clientId, key, Buffer.buffer(requestHash), owner, leaseSeconds, ttlHours))
        .map(rows -> rows.size() == 1);
  }

  /** The key as it is stored, unless it has expired. */
  Future<Optional<StoredKey>> find(String clientId, String key) {
    return db.preparedQuery(FIND).execute(Tuple.of(clientId, key))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapToStoredKey(rows.iterator().next())));
  }

  /** Stores the answer of the request that holds the key; false when it no longer holds it. */
  Future<Boolean> complete(String clientId, String key, UUID owner, int status, Buffer body) {
    return db.preparedQuery(COMPLETE).execute(Tuple.of(clientId, key, owner, status, body))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Frees the key held by {@code owner}, storing nothing. */
  Future<Void> release(String clientId, String key, UUID owner) {
    return db.preparedQuery(RELEASE).execute(Tuple.of(clientId, key, owner)).mapEmpty();
  }

  /** Deletes up to {@code limit} expired keys; how many went. */
  Future<Integer> deleteExpired(int limit) {
    return db.preparedQuery(DELETE_EXPIRED).execute(Tuple.of(limit)).map(rows -> rows.rowCount());
  }

  private static StoredKey mapToStoredKey(Row row) {
    return new StoredKey(row.getBuffer("request_hash").getBytes(), "done".equals(row.getString("state")),
        row.getInteger("status_code") == null ? 0 : row.getInteger("status_code"), row.getBuffer("response_body"));
  }

  /** A key's request hash and, once done, its stored answer. */
  record StoredKey(byte[] requestHash, boolean done, int status, Buffer body) {}
}
