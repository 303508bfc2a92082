package io.assetgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The domain counters: assets added by chain and symbol, authentication failures by error code, rate-limit
 * rejections by limit, connections refused over the cap, and log lines dropped. Counters are cached by their label values, so the hot path does one map look-up and
 * no allocation. With metrics off, the registry is an empty composite and every increment is a no-op.
 */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private static final java.util.Set<String> KNOWN_METHODS =
      java.util.Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
  private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5)};
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> httpTimers = new ConcurrentHashMap<>();

  private final AtomicLong outboxDepth = new AtomicLong();
  private final AtomicLong oldestPendingAgeBits = new AtomicLong(Double.doubleToLongBits(0));

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    FunctionCounter.builder("log_events_dropped", DroppedLogEvents.class, c -> DroppedLogEvents.count())
        .description("Log lines dropped because the log output could not keep up (never blocking instead)")
        .register(registry);
    Gauge.builder("webhook_outbox_depth", outboxDepth, AtomicLong::get)
        .description("Webhook events waiting for delivery (the database's figure)").register(registry);
    Gauge.builder("webhook_oldest_pending_age_seconds", oldestPendingAgeBits, bits -> Double.longBitsToDouble(bits.get()))
        .description("How long the oldest webhook event waiting for delivery has waited").register(registry);
  }

  public static GatewayMetrics disabled() {
    return new GatewayMetrics(new CompositeMeterRegistry());
  }

  /**
   * One finished HTTP request, by route template, method and status: a timer (count, sum, max and a few latency
   * buckets). Recorded from the router's one end-of-request hook instead of Vert.x's generic HTTP metrics SPI,
   * which costs several meters and label look-ups per request (measured: 15-25 % of Add Asset throughput).
   */
  public void httpRequest(String method, String route, int status, long durationNanos) {
    String knownMethod = KNOWN_METHODS.contains(method) ? method : "OTHER"; // junk methods must not mint meters
    String key = knownMethod + ' ' + route + ' ' + status;
    Timer timer = httpTimers.get(key);
    if (timer == null) {
      timer = httpTimers.computeIfAbsent(key, k -> Timer.builder("http_server_requests")
          .description("HTTP requests, by route template, method and status")
          .tag("method", knownMethod).tag("route", route).tag("code", Integer.toString(status))
          .serviceLevelObjectives(LATENCY_BUCKETS)
          .register(registry));
    }
    timer.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  public void assetCreated(String chain, String symbol) {
    // exported as assets_added_total: OpenMetrics reserves the _created suffix, so "assets_created" would lose it
    counters.computeIfAbsent("asset|" + chain + "|" + symbol, k -> Counter.builder("assets_added")
        .description("Assets added, by chain and symbol").tag("chain", chain).tag("symbol", symbol)
        .register(registry)).increment();
  }

  public void authFailure(String code) {
    counters.computeIfAbsent("auth|" + code, k -> Counter.builder("auth_failures")
        .description("Refused authentications, by error code").tag("code", code).register(registry)).increment();
  }

  public void connectionRefused() {
    counters.computeIfAbsent("connections-refused", k -> Counter.builder("http_connections_refused")
        .description("Connections closed on accept because HTTP_MAX_CONNECTIONS were open").register(registry))
        .increment();
  }

  public void rateLimited(String limit) {
    counters.computeIfAbsent("limit|" + limit, k -> Counter.builder("rate_limit_rejections")
        .description("Requests refused by a rate limit, by limit").tag("limit", limit).register(registry)).increment();
  }

  /** One webhook delivery attempt: delivered, http_error, timeout, network_error, refused, or disabled. */
  public void webhookDelivery(String outcome) {
    counters.computeIfAbsent("webhook|" + outcome, k -> Counter.builder("webhook_deliveries")
        .description("Webhook delivery attempts, by outcome").tag("outcome", outcome).register(registry)).increment();
  }

  /** An event given up on (too old, or its webhook disabled): status failed. */
  public void webhookGaveUp() {
    counters.computeIfAbsent("webhook-gave-up", k -> Counter.builder("webhook_events_failed")
        .description("Webhook events given up on").register(registry)).increment();
  }

  /** The outbox as last measured: pending events and the age of the oldest. */
  public void webhookOutbox(long pending, double oldestPendingAgeSeconds) {
    outboxDepth.set(pending);
    oldestPendingAgeBits.set(Double.doubleToLongBits(oldestPendingAgeSeconds));
  }
}
