package io.assetgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The domain counters: assets added by chain and symbol, authentication failures by error code, rate-limit
 * rejections by limit, connections refused over the cap, and log lines dropped. Counters are cached by their label values, so the hot path does one map look-up and
 * no allocation. With metrics off, the registry is an empty composite and every increment is a no-op.
 */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    FunctionCounter.builder("log_events_dropped", DroppedLogEvents.class, c -> DroppedLogEvents.count())
        .description("Log lines dropped because the log output could not keep up (never blocking instead)")
        .register(registry);
  }

  public static GatewayMetrics disabled() {
    return new GatewayMetrics(new CompositeMeterRegistry());
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
}
