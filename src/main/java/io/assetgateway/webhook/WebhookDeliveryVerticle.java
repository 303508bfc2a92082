package io.assetgateway.webhook;

import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Pools;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.metrics.GatewayMetrics;
import io.assetgateway.web.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox: every WEBHOOK_POLL_MILLIS it claims due events (leased rows, FOR UPDATE SKIP LOCKED,
 * so several instances share the work and each attempt goes out once), signs each with its client's secret and a
 * fresh timestamp, and POSTs the stored body with the Vert.x web client. A 2xx marks it delivered; anything else, a
 * timeout or a refused destination schedules the next attempt with exponential backoff and jitter, until the event
 * is WEBHOOK_GIVE_UP_HOURS old and is marked failed. Each client has at most WEBHOOK_MAX_IN_FLIGHT_PER_CLIENT
 * attempts in flight here, so a slow or dead endpoint holds only its own slots.
 */
public final class WebhookDeliveryVerticle extends VerticleBase {
  /** Attempts in flight on this instance, all clients together; the HTTP pool has as many connections. */
  static final int MAX_IN_FLIGHT = 256;
  private static final long STATS_MILLIS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryVerticle.class);

  private final GatewayConfig config;
  private final GatewayConfig.Webhooks settings;
  private final DatabaseUrl databaseUrl;
  private final SeedVault vault;
  private final GatewayMetrics metrics;
  private final Map<String, Integer> inFlightByClient = new HashMap<>();
  private int inFlight;
  private boolean polling;
  private boolean pollAgain;
  private boolean stopping;
  private Promise<Void> drained;
  private Pool pool;
  private WebhookService webhooks;
  private WebClient http;
  private long pollTimer;
  private long statsTimer;

  public WebhookDeliveryVerticle(GatewayConfig config, DatabaseUrl databaseUrl, SeedVault vault, GatewayMetrics metrics) {
    this.config = config;
    this.settings = config.webhooks();
    this.databaseUrl = databaseUrl;
    this.vault = vault;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    pool = Pools.create(vertx, databaseUrl, config, 2);
    webhooks = new WebhookService(vertx, pool, vault, settings);
    http = WebClient.create(vertx, new WebClientOptions()
            .setFollowRedirects(false) // a redirect could lead anywhere, past the destination check
            .setUserAgent("asset-gateway-webhooks/1")
            .setConnectTimeout(settings.timeoutMillis())
            .setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(MAX_IN_FLIGHT));
    pollTimer = vertx.setPeriodic(settings.pollMillis(), id -> poll());
    statsTimer = vertx.setPeriodic(STATS_MILLIS, id -> refreshStats());
    refreshStats();
    poll();
    return Future.succeededFuture();
  }

  /** Stops claiming, lets the attempts in flight finish (they are bounded by the timeout), then closes. */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(statsTimer);
    drained = Promise.promise();
    if (inFlight == 0) {
      drained.tryComplete();
    }
    return drained.future().timeout(settings.timeoutMillis() + 2000L, TimeUnit.MILLISECONDS)
        .recover(e -> Future.succeededFuture()) // an unfinished attempt's lease expires; another instance retries it
        .compose(v -> {
          http.close();
          return pool.close();
        });
  }

  private void poll() {
    if (stopping) {
      return;
    }
    if (polling) {
      pollAgain = true;
      return;
    }
    int room = MAX_IN_FLIGHT - inFlight;
    if (room <= 0) {
      return;
    }
    polling = true;
    pollAgain = false;
    String[] busy = inFlightByClient.keySet().toArray(new String[0]);
    Integer[] counts = new Integer[busy.length];
    for (int i = 0; i < busy.length; i++) {
      counts[i] = inFlightByClient.get(busy[i]);
    }
    webhooks.claim(room, busy, counts, settings.maxInFlightPerClient(), leaseSeconds())
        .onSuccess(this::deliverAll)
        .onFailure(e -> LOG.warn("webhook claim failed, will retry: {}", e.toString()))
        .onComplete(ar -> {
          polling = false;
          boolean full = ar.succeeded() && ar.result().size() == room;
          if (pollAgain || full) {
            vertx.runOnContext(v -> poll());
          }
        });
  }

  private void deliverAll(List<ClaimedEvent> claimed) {
    for (ClaimedEvent event : claimed) {
      inFlight++;
      inFlightByClient.merge(event.clientId(), 1, Integer::sum);
      attempt(event).onComplete(ar -> {
        inFlight--;
        inFlightByClient.computeIfPresent(event.clientId(), (k, n) -> n == 1 ? null : n - 1);
        if (ar.failed()) {
          LOG.warn("webhook event {}: recording the attempt failed (its lease will expire and it is retried): {}",
              event.eventId(), ar.cause().toString());
        }
        if (stopping && inFlight == 0 && drained != null) {
          drained.tryComplete();
        }
        poll(); // a finished attempt frees a slot and may unblock the next event of its transaction
      });
    }
  }

  /** One attempt of one event, recorded in the outbox whatever its outcome. */
  private Future<Void> attempt(ClaimedEvent event) {
    if (event.url() == null || !event.enabled()) {
      metrics.webhookDelivery("disabled");
      return failed(event, true, "webhook disabled");
    }
    String secret;
    try {
      secret = webhooks.secretOf(event);
    } catch (IllegalStateException e) {
      metrics.webhookDelivery("error");
      return failed(event, false, "signing secret cannot be opened (wrong WALLET_MASTER_KEY?)");
    }
    return webhooks.destination(event.url())
        .compose(destination -> send(event, secret, destination))
        .transform(ar -> {
          if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
            metrics.webhookDelivery("delivered");
            return webhooks.delivered(event).onSuccess(ours -> {
              if (!ours) {
                LOG.info("webhook event {} delivered after its lease expired (it may be delivered again)", event.eventId());
              }
            }).mapEmpty();
          }
          String outcome;
          String error;
          if (ar.succeeded()) {
            outcome = "http_error";
            error = "HTTP " + ar.result().statusCode();
          } else if (ar.cause() instanceof ApiException refused) {
            outcome = "refused";
            error = refused.getMessage();
          } else if (ar.cause() instanceof TimeoutException) {
            outcome = "timeout";
            error = "no answer within " + settings.timeoutMillis() + " ms";
          } else {
            outcome = "network_error";
            error = String.valueOf(ar.cause().getMessage());
          }
          metrics.webhookDelivery(outcome);
          return failed(event, false, error);
        });
  }

  private Future<HttpResponse<Void>> send(ClaimedEvent event, String secret, DestinationPolicy.Destination destination) {
    byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(Instant.now().getEpochSecond()); // per attempt: receivers reject stale ones
    // connect to the address that was checked, naming the host in Host and TLS (no second, unchecked DNS answer)
    SocketAddress server = SocketAddress.inetSocketAddress(destination.port(), destination.address().getHostAddress());
    return http.request(HttpMethod.POST, server, destination.port(), destination.host(), destination.requestUri())
        .ssl(destination.ssl())
        .followRedirects(false)
        .connectTimeout(settings.timeoutMillis())
        .idleTimeout(settings.timeoutMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Paratro-Timestamp", timestamp)
        .putHeader("X-Paratro-Signature", WebhookSigner.sign(secret, timestamp, body))
        .putHeader("X-Paratro-Signature-Version", WebhookSigner.VERSION)
        .putHeader("X-Paratro-Event-Id", event.eventId().toString())
        .putHeader("X-Paratro-Api-Key", event.apiKey())
        .as(BodyCodec.none()) // the answer's body is never read, nor buffered
        .sendBuffer(Buffer.buffer(body))
        // the whole attempt, not only each silence, is bounded
        .timeout(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
  }

  private Future<Void> failed(ClaimedEvent event, boolean giveUpNow, String error) {
    return webhooks.attemptFailed(event, retryDelayMillis(event.attempt()) / 1000.0, settings.giveUpHours(), giveUpNow,
            error)
        .onSuccess(status -> {
          if (status.isPresent() && status.get() == DeliveryStatus.FAILED) {
            metrics.webhookGaveUp();
            LOG.warn("webhook event {} of client {} failed after {} attempts: {}", event.eventId(), event.clientId(),
                event.attempt(), error);
          } else {
            LOG.debug("webhook event {} attempt {} failed: {}", event.eventId(), event.attempt(), error);
          }
        })
        .mapEmpty();
  }

  /** Exponential backoff with jitter: between half and all of min(max, base x 2^(attempt-1)). */
  long retryDelayMillis(int attempt) {
    double full = Math.min(settings.retryMaxMillis(),
        settings.retryBaseMillis() * Math.pow(2, Math.min(Math.max(attempt, 1) - 1, 40)));
    return (long) (full / 2 + ThreadLocalRandom.current().nextDouble() * full / 2);
  }

  /** Long enough for any attempt (bounded by the timeout) to finish, so a live instance's lease never lapses. */
  private double leaseSeconds() {
    return settings.timeoutMillis() / 1000.0 + 10;
  }

  private void refreshStats() {
    webhooks.stats()
        .onSuccess(stats -> metrics.webhookOutbox(stats.pending(), stats.oldestPendingAgeSeconds()))
        .onFailure(e -> LOG.debug("webhook outbox stats unavailable: {}", e.toString()));
  }
}
