package io.assetgateway.ratelimit;

import io.assetgateway.common.Cidr;
import io.assetgateway.config.RateLimits;
import io.assetgateway.metrics.GatewayMetrics;
import io.assetgateway.web.Caller;
import io.assetgateway.web.CallerAddress;
import io.netty.util.NetUtil;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Predicate;

/**
 * The process's rate limits: per client on the API, per API key and per address on token issuance. Each limit keeps
 * at most {@code maxKeys} buckets, and only keys that can be real get one: a header that cannot be an API key gets
 * none, and an IPv6 caller is keyed by its /64 (one subscriber's allocation, which it can fill with addresses).
 */
public final class RateLimiters {
  private static final int IPV6_SUBNET_BYTES = 8;

  private final RateLimits settings;
  private final TokenBuckets perClient;
  private final TokenBuckets perApiKey;
  private final TokenBuckets perAddress;

  private final GatewayMetrics metrics;

  public RateLimiters(RateLimits settings, GatewayMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    this.perClient = new TokenBuckets(settings.clientPerSecond(), settings.clientBurst(), settings.maxKeys());
    this.perApiKey = new TokenBuckets(settings.apiKeyPerSecond(), settings.apiKeyBurst(), settings.maxKeys());
    this.perAddress = new TokenBuckets(settings.addressPerSecond(), settings.addressBurst(), settings.maxKeys());
  }

  /**
   * For {@code POST /api/v1/auth/token}, before the credentials are checked (brute force on secrets). The address
   * limit comes first, so a refused address never creates a key bucket.
   */
  public Handler<RoutingContext> tokenIssuance(CallerAddress callers, Predicate<String> isApiKey) {
    return settings.enabled()
        ? new RateLimitHandler(metrics, List.of(
            new RateLimitHandler.Limit("address", perAddress, ctx -> addressKey(callers.of(ctx))),
            new RateLimitHandler.Limit("key", perApiKey, ctx -> apiKeyKey(ctx.request().getHeader("X-API-Key"), isApiKey))))
        : RoutingContext::next;
  }

  /** For authenticated routes, after the Bearer check. */
  public Handler<RoutingContext> perClient() {
    return settings.enabled()
        ? new RateLimitHandler(metrics, List.of(new RateLimitHandler.Limit("client", perClient,
            ctx -> Caller.clientId(ctx))))
        : RoutingContext::next;
  }

  /** The bucket of an API key header, or null (no bucket) when it cannot be a key: it is refused without a look-up. */
  static String apiKeyKey(String header, Predicate<String> isApiKey) {
    return header != null && isApiKey.test(header) ? header : null;
  }

  /** The bucket of a caller address: an IPv4 address itself, an IPv6 address its /64. */
  static String addressKey(String address) {
    byte[] bytes;
    try {
      bytes = Cidr.literal(address);
    } catch (IllegalArgumentException e) {
      return address; // not an IP peer (a Unix socket): one bucket for it
    }
    if (bytes.length == 4) {
      return NetUtil.bytesToIpAddress(bytes);
    }
    java.util.Arrays.fill(bytes, IPV6_SUBNET_BYTES, bytes.length, (byte) 0);
    return NetUtil.bytesToIpAddress(bytes) + "/64";
  }
}
