package io.assetgateway.webhook;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL on webhook_endpoints and webhook_events. */
final class WebhookStorage {
  private static final String ENDPOINT_COLUMNS = "client_id, url, enabled";
  private static final String UPSERT_ENDPOINT = """
      INSERT INTO webhook_endpoints (client_id, url, sealed_secret, enabled) VALUES ($1, $2, $3, true)
      ON CONFLICT (client_id) DO UPDATE SET url = EXCLUDED.url, enabled = true, updated_at = now(),
        sealed_secret = CASE WHEN $4 THEN EXCLUDED.sealed_secret ELSE webhook_endpoints.sealed_secret END
      RETURNING client_id, url, enabled, sealed_secret = $3 AS secret_replaced""";
  private static final String REPLACE_SECRET = """
      UPDATE webhook_endpoints SET sealed_secret = $2, updated_at = now() WHERE client_id = $1
      RETURNING""" + " " + ENDPOINT_COLUMNS;
  private static final String DISABLE = """
      UPDATE webhook_endpoints SET enabled = false, updated_at = now() WHERE client_id = $1
      RETURNING""" + " " + ENDPOINT_COLUMNS;
  private static final String ENDPOINT = "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE client_id = $1";

  // Only for a client whose webhook is enabled: otherwise the statement inserts nothing.
  private static final String ENQUEUE = """
      INSERT INTO webhook_events (event_id, client_id, source_id, event_type, body)
      SELECT $1, client_id, $3, $4, $5 FROM webhook_endpoints WHERE client_id = $2 AND enabled""";

  private static final String EVENT_COLUMNS = """
      event_id, client_id, source_id, event_type, status, attempts, next_attempt_at, last_error, created_at,
      delivered_at""";
  private static final String LIST = "SELECT " + EVENT_COLUMNS + """
       FROM webhook_events WHERE client_id = $1 AND ($2::text IS NULL OR status = $2)
      ORDER BY seq DESC LIMIT $3""";
  private static final String REDELIVER = """
      UPDATE webhook_events SET status = 'pending', next_attempt_at = now(), queued_at = now(), last_error = NULL,
        delivered_at = NULL
      WHERE event_id = $1 RETURNING""" + " " + EVENT_COLUMNS;

  /*
   * The claim. Due: pending, its time come, no live lease, and the oldest pending event of its transaction (so one
   * transaction's events go out in order). At most $4 per client counting the $2/$3 already in flight here, so one
   * dead endpoint cannot take every slot. SKIP LOCKED lets several instances claim at once without waiting on or
   * taking each other's rows; the lease (token and expiry) is what a crashed instance leaves behind and expires.
   */
  private static final String CLAIM = """
      WITH due AS (
        SELECT e.seq, row_number() OVER (PARTITION BY e.client_id ORDER BY e.next_attempt_at, e.seq)
                      + COALESCE(busy.in_flight, 0) AS slot
        FROM webhook_events e
        LEFT JOIN unnest($2::text[], $3::int[]) AS busy (client_id, in_flight) ON busy.client_id = e.client_id
        WHERE e.status = 'pending' AND e.next_attempt_at <= now()
          AND (e.leased_until IS NULL OR e.leased_until < now())
          AND NOT EXISTS (SELECT 1 FROM webhook_events earlier
                          WHERE earlier.source_id = e.source_id AND earlier.status = 'pending' AND earlier.seq < e.seq)
      ), picked AS (
        SELECT e.seq FROM webhook_events e JOIN due ON due.seq = e.seq
        WHERE due.slot <= $4
          AND e.status = 'pending' AND (e.leased_until IS NULL OR e.leased_until < now())
        ORDER BY e.next_attempt_at, e.seq
        LIMIT $1
        FOR UPDATE OF e SKIP LOCKED
      )
      UPDATE webhook_events e
      SET lease_token = $5, leased_until = now() + make_interval(secs => $6), attempts = e.attempts + 1
      FROM picked, clients c LEFT JOIN webhook_endpoints w ON w.client_id = c.client_id
      WHERE e.seq = picked.seq AND c.client_id = e.client_id
      RETURNING e.seq, e.event_id, e.client_id, e.source_id, e.body, e.attempts, w.url, w.enabled, w.sealed_secret,
                c.api_key""";
  private static final String DELIVERED = """
      UPDATE webhook_events SET status = 'delivered', delivered_at = now(), last_error = NULL, lease_token = NULL,
        leased_until = NULL
      WHERE seq = $1 AND lease_token = $2""";
  // Give up once the event has waited giveUpHours since it was queued, or at once when told to ($5).
  private static final String ATTEMPT_FAILED = """
      UPDATE webhook_events
      SET status = CASE WHEN $5 OR now() - queued_at >= make_interval(hours => $4) THEN 'failed' ELSE 'pending' END,
        next_attempt_at = now() + make_interval(secs => $3), last_error = left($6, 500), lease_token = NULL,
        leased_until = NULL
      WHERE seq = $1 AND lease_token = $2
      RETURNING status""";
  private static final String STATS = """
      SELECT count(*) AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(queued_at)), 0)::float8 AS oldest
      FROM webhook_events WHERE status = 'pending'""";

  private final SqlClient db;

  WebhookStorage(SqlClient db) {
    this.db = db;
  }

  /**
   * Creates or updates the client's endpoint (enabled); the new sealed secret replaces the old one when
   * {@code replaceSecret} or when there was none. Returns the settings and whether the secret was replaced.
   */
  Future<Endpoint> upsertEndpoint(String clientId, String url, byte[] sealedSecret, boolean replaceSecret) {
    return db.preparedQuery(UPSERT_ENDPOINT).execute(Tuple.of(clientId, url, Buffer.buffer(sealedSecret), replaceSecret))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Endpoint(row.getString("client_id"), row.getString("url"), row.getBoolean("enabled"),
              row.getBoolean("secret_replaced"));
        });
  }

  Future<Optional<Endpoint>> replaceSecret(String clientId, byte[] sealedSecret) {
    return db.preparedQuery(REPLACE_SECRET).execute(Tuple.of(clientId, Buffer.buffer(sealedSecret)))
        .map(rows -> first(rows).map(row -> mapToEndpoint(row, true)));
  }

  Future<Optional<Endpoint>> disable(String clientId) {
    return db.preparedQuery(DISABLE).execute(Tuple.of(clientId)).map(rows -> first(rows).map(r -> mapToEndpoint(r, false)));
  }

  Future<Optional<Endpoint>> endpoint(String clientId) {
    return db.preparedQuery(ENDPOINT).execute(Tuple.of(clientId)).map(rows -> first(rows).map(r -> mapToEndpoint(r, false)));
  }

  /** Inserts the event on the caller's connection (its transaction) if the client's webhook is enabled. */
  static Future<Boolean> enqueue(SqlClient tx, UUID eventId, String clientId, String sourceId, String eventType,
      String body) {
    return tx.preparedQuery(ENQUEUE).execute(Tuple.of(eventId, clientId, sourceId, eventType, body))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<List<OutboxEvent>> list(String clientId, Optional<DeliveryStatus> status, int limit) {
    return db.preparedQuery(LIST).execute(Tuple.of(clientId, status.map(DeliveryStatus::value).orElse(null), limit))
        .map(rows -> {
          List<OutboxEvent> out = new ArrayList<>();
          rows.forEach(row -> out.add(mapToEvent(row)));
          return out;
        });
  }

  Future<Optional<OutboxEvent>> redeliver(UUID eventId) {
    return db.preparedQuery(REDELIVER).execute(Tuple.of(eventId)).map(rows -> first(rows).map(WebhookStorage::mapToEvent));
  }

  Future<List<ClaimedEvent>> claim(int limit, String[] busyClients, Integer[] inFlight, int perClient, UUID leaseToken,
      double leaseSeconds) {
    return db.preparedQuery(CLAIM)
        .execute(Tuple.of(limit, busyClients, inFlight, perClient, leaseToken, leaseSeconds))
        .map(rows -> {
          List<ClaimedEvent> out = new ArrayList<>();
          rows.forEach(row -> out.add(new ClaimedEvent(row.getLong("seq"), row.getUUID("event_id"),
              row.getString("client_id"), row.getString("source_id"), row.getString("body"), row.getInteger("attempts"),
              leaseToken, row.getString("url"), Boolean.TRUE.equals(row.getBoolean("enabled")),
              row.getBuffer("sealed_secret") == null ? null : row.getBuffer("sealed_secret").getBytes(),
              row.getString("api_key"))));
          return out;
        });
  }

  /** Marks the event delivered; false when this lease was no longer ours (another instance took over). */
  Future<Boolean> delivered(long seq, UUID leaseToken) {
    return db.preparedQuery(DELIVERED).execute(Tuple.of(seq, leaseToken)).map(rows -> rows.rowCount() == 1);
  }

  /** Records a failed attempt; the new status, or empty when this lease was no longer ours. */
  Future<Optional<DeliveryStatus>> attemptFailed(long seq, UUID leaseToken, double retryInSeconds, int giveUpHours,
      boolean giveUpNow, String error) {
    return db.preparedQuery(ATTEMPT_FAILED)
        .execute(Tuple.of(seq, leaseToken, retryInSeconds, giveUpHours, giveUpNow, error))
        .map(rows -> first(rows).map(row -> DeliveryStatus.parse(row.getString("status"))));
  }

  Future<OutboxStats> stats() {
    return db.query(STATS).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new OutboxStats(row.getLong("pending"), row.getDouble("oldest"));
    });
  }

  /** A client's endpoint settings (never the secret); {@code secretReplaced} when this write stored a new one. */
  record Endpoint(String clientId, String url, boolean enabled, boolean secretReplaced) {}

  private static Endpoint mapToEndpoint(Row row, boolean secretReplaced) {
    return new Endpoint(row.getString("client_id"), row.getString("url"), row.getBoolean("enabled"), secretReplaced);
  }

  private static OutboxEvent mapToEvent(Row row) {
    return new OutboxEvent(row.getUUID("event_id").toString(), row.getString("client_id"), row.getString("source_id"),
        row.getString("event_type"), DeliveryStatus.parse(row.getString("status")), row.getInteger("attempts"),
        row.getOffsetDateTime("next_attempt_at"), row.getString("last_error"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("delivered_at"));
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
  }
}
