package io.assetgateway.ratelimit;

import io.assetgateway.config.RateLimits;
import io.assetgateway.web.Caller;
import io.assetgateway.web.CallerAddress;
import io.assetgateway.metrics.GatewayMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The process's rate limits: per client on the API, per API key and per address on token issuance. */
public final class RateLimiters {
  private final RateLimits settings;
  private final TokenBuckets perClient;
  private final TokenBuckets perApiKey;
  private final TokenBuckets perAddress;

  private final GatewayMetrics metrics;

  public RateLimiters(RateLimits settings, GatewayMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    this.perClient = new TokenBuckets(settings.clientPerSecond(), settings.clientBurst());
    this.perApiKey = new TokenBuckets(settings.apiKeyPerSecond(), settings.apiKeyBurst());
    this.perAddress = new TokenBuckets(settings.addressPerSecond(), settings.addressBurst());
  }

  /** Evicts refilled buckets every 10 s so keys an attacker invents do not pile up. */
  public void startEviction(Vertx vertx) {
    vertx.setPeriodic(10_000, id -> {
      long now = System.nanoTime();
      perClient.evictIdle(now);
      perApiKey.evictIdle(now);
      perAddress.evictIdle(now);
    });
  }

  /** For {@code POST /api/v1/auth/token}, before the credentials are checked (brute force on secrets). */
  public Handler<RoutingContext> tokenIssuance(CallerAddress callers) {
    return settings.enabled()
        ? new RateLimitHandler(metrics, List.of(
            new RateLimitHandler.Limit("address", perAddress, callers::of),
            new RateLimitHandler.Limit("key", perApiKey, ctx -> ctx.request().getHeader("X-API-Key"))))
        : RoutingContext::next;
  }

  /** For authenticated routes, after the Bearer check. */
  public Handler<RoutingContext> perClient() {
    return settings.enabled()
        ? new RateLimitHandler(metrics, List.of(new RateLimitHandler.Limit("client", perClient,
            ctx -> Caller.clientId(ctx))))
        : RoutingContext::next;
  }
}
