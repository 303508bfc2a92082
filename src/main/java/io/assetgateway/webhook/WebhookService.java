package io.assetgateway.webhook;

import io.assetgateway.config.GatewayConfig;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Clients' webhooks: their endpoint and signing secret (shown once, stored only sealed: the HMAC needs the secret
 * itself, so a hash cannot sign), the outbox that the ledger fills in its own transactions, and what the delivery
 * verticle and the operator ask of that outbox.
 */
public final class WebhookService {
  public static final int MAX_LIST = 1000;

  private final WebhookStorage storage;
  private final SeedVault vault;
  private final DestinationPolicy destinations;

  /** On this database, sealing secrets with this vault, judging URLs under these settings. */
  public WebhookService(Vertx vertx, SqlClient db, SeedVault vault, GatewayConfig.Webhooks settings) {
    this.storage = new WebhookStorage(db);
    this.vault = vault;
    this.destinations = new DestinationPolicy(vertx, settings.allowPrivate());
  }

  /**
   * The outbox seam: records the event this transaction's new status announces, on {@code tx} (the caller's open
   * transaction, so the event commits or rolls back with the status change). Writes nothing when the status
   * announces no event (only CONFIRMING, CONFIRMED and FAILED do) or the client has no enabled webhook. Call it
   * once per status change, after the change, on the same connection.
   */
  public Future<Void> enqueue(SqlClient tx, TransactionEvent event) {
    Optional<String> type = event.eventType();
    if (type.isEmpty()) {
      return Future.succeededFuture();
    }
    UUID eventId = UUID.randomUUID();
    String body = EventBody.of(eventId, type.get(), OffsetDateTime.now(ZoneOffset.UTC), event);
    return WebhookStorage.enqueue(tx, eventId, event.clientId(), event.txId(), type.get(), body).mapEmpty();
  }

  /**
   * Points the client's webhook at {@code url} (checked: http(s), a public destination) and enables it. A client
   * without a webhook gets a new secret, as does one asked to {@code rotateSecret}; the settings carry it then.
   */
  public Future<WebhookSettings> configure(String clientId, String url, boolean rotateSecret) {
    String secret = WebhookSigner.newSecret();
    byte[] sealed = seal(clientId, secret);
    return destinations.check(url)
        .compose(checked -> storage.upsertEndpoint(clientId, url, sealed, rotateSecret))
        .recover(e -> e instanceof PgException pg && "23503".equals(pg.getSqlState())
            ? Future.failedFuture(ApiError.NOT_FOUND.with("no client " + clientId)) : Future.failedFuture(e))
        .map(endpoint -> new WebhookSettings(endpoint.clientId(), endpoint.url(), endpoint.enabled(),
            endpoint.secretReplaced() ? Optional.of(secret) : Optional.empty()));
  }

  /** Replaces the signing secret of the client's webhook; the settings carry the new one (shown once). */
  public Future<WebhookSettings> rotateSecret(String clientId) {
    String secret = WebhookSigner.newSecret();
    return storage.replaceSecret(clientId, seal(clientId, secret))
        .compose(found -> found.map(endpoint -> Future.succeededFuture(
                new WebhookSettings(endpoint.clientId(), endpoint.url(), endpoint.enabled(), Optional.of(secret))))
            .orElseGet(() -> Future.failedFuture(noWebhook(clientId))));
  }

  /** Stops new events for the client; its pending events fail at their next attempt. */
  public Future<WebhookSettings> disable(String clientId) {
    return storage.disable(clientId).compose(found -> settingsOrNotFound(clientId, found));
  }

  /** The client's webhook settings (never the secret). */
  public Future<WebhookSettings> settings(String clientId) {
    return storage.endpoint(clientId).compose(found -> settingsOrNotFound(clientId, found));
  }

  /** The client's events, newest first, optionally of one status. */
  public Future<List<OutboxEvent>> list(String clientId, Optional<DeliveryStatus> status, int limit) {
    if (limit < 1 || limit > MAX_LIST) {
      return Future.failedFuture(ApiError.INVALID_PARAMETER.with("limit must be 1.." + MAX_LIST));
    }
    return storage.list(clientId, status, limit);
  }

  /** Queues the event again for an attempt now (same event_id, same body); a failed event gets a fresh give-up age. */
  public Future<OutboxEvent> redeliver(String eventId) {
    UUID id;
    try {
      id = UUID.fromString(eventId);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ApiError.INVALID_PARAMETER.with("event id must be a UUID (got " + eventId + ")"));
    }
    return storage.redeliver(id).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(ApiError.NOT_FOUND.with("no webhook event " + eventId))));
  }

  // What the delivery verticle asks of the outbox.

  Future<List<ClaimedEvent>> claim(int limit, String[] busyClients, Integer[] inFlight, int perClient,
      double leaseSeconds) {
    return storage.claim(limit, busyClients, inFlight, perClient, UUID.randomUUID(), leaseSeconds);
  }

  Future<Boolean> delivered(ClaimedEvent event) {
    return storage.delivered(event.seq(), event.leaseToken());
  }

  Future<Optional<DeliveryStatus>> attemptFailed(ClaimedEvent event, double retryInSeconds, int giveUpHours,
      boolean giveUpNow, String error) {
    return storage.attemptFailed(event.seq(), event.leaseToken(), retryInSeconds, giveUpHours, giveUpNow, error);
  }

  Future<OutboxStats> stats() {
    return storage.stats();
  }

  Future<DestinationPolicy.Destination> destination(String url) {
    return destinations.check(url);
  }

  /** The signing secret of a claimed event's endpoint. */
  String secretOf(ClaimedEvent event) {
    return new String(vault.decrypt(aad(event.clientId()), event.sealedSecret()), StandardCharsets.UTF_8);
  }

  private byte[] seal(String clientId, String secret) {
    return vault.encrypt(aad(clientId), secret.getBytes(StandardCharsets.UTF_8));
  }

  /** Sealed under the client id, so a sealed secret cannot be moved to another client (nor mistaken for a seed). */
  private static String aad(String clientId) {
    return "webhook-secret:" + clientId;
  }

  private static Future<WebhookSettings> settingsOrNotFound(String clientId, Optional<WebhookStorage.Endpoint> found) {
    return found.map(e -> Future.succeededFuture(new WebhookSettings(e.clientId(), e.url(), e.enabled(), Optional.empty())))
        .orElseGet(() -> Future.failedFuture(noWebhook(clientId)));
  }

  private static RuntimeException noWebhook(String clientId) {
    return ApiError.NOT_FOUND.with("client " + clientId + " has no webhook (configure one with --url)");
  }
}
