package io.assetgateway.ratelimit;

import io.assetgateway.web.ApiError;
import io.assetgateway.metrics.GatewayMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * Applies one or more token-bucket limits to a route, each keyed from the request (the client, the API key,
 * the remote address). Every answer carries X-RateLimit-Limit/Remaining/Reset of the tightest limit; over
 * any limit the answer is 429 too_many_requests with Retry-After.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {
  private final GatewayMetrics metrics;
  private final List<Limit> limits;

  public RateLimitHandler(GatewayMetrics metrics, List<Limit> limits) {
    this.metrics = metrics;
    this.limits = limits;
  }

  @Override
  public void handle(RoutingContext ctx) {
    TokenBuckets.Decision tightest = null;
    TokenBuckets tightestBuckets = null;
    String tightestName = null;
    for (Limit limit : limits) {
      String key = limit.key().apply(ctx);
      if (key == null) {
        continue;
      }
      TokenBuckets.Decision d = limit.buckets().take(key);
      if (tightest == null || !d.allowed() || (tightest.allowed() && d.remaining() < tightest.remaining())) {
        tightest = d;
        tightestBuckets = limit.buckets();
        tightestName = limit.name();
      }
      if (!d.allowed()) {
        break;
      }
    }
    if (tightest != null) {
      HttpServerResponse response = ctx.response();
      response.putHeader("X-RateLimit-Limit", Integer.toString(tightestBuckets.ratePerSecond()))
          .putHeader("X-RateLimit-Remaining", Integer.toString(tightest.remaining()))
          .putHeader("X-RateLimit-Reset", Long.toString(tightest.resetSeconds()));
      if (!tightest.allowed()) {
        response.putHeader("Retry-After", Long.toString(tightest.retryAfterSeconds()));
        metrics.rateLimited(tightestName);
        ctx.fail(ApiError.TOO_MANY_REQUESTS.with("Rate limit exceeded; retry after " + tightest.retryAfterSeconds() + " s"));
        return;
      }
    }
    ctx.next();
  }

  /** A limit: a name for its keys, the buckets, and how to key a request (null: not applicable). */
  public record Limit(String name, TokenBuckets buckets, Function<RoutingContext, String> key) {}
}
