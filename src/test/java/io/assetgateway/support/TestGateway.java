package io.assetgateway.support;

import io.assetgateway.GatewayServer;
import io.assetgateway.config.GatewayConfig;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** Starts real servers (the same start-up as the jar) against this run's test database. */
public final class TestGateway {
  /** The JWT secret the test servers use, so tests can forge tokens with the right and wrong keys. */
  public static final String JWT_SECRET = "test-secret-of-at-least-thirty-two-bytes!";
  /** The wallet master key of the test servers and CLI runs (64 hex characters). */
  public static final String MASTER_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static GatewayServer shared;

  private TestGateway() {}

  /** One server for the whole run, started on first use. */
  public static synchronized GatewayServer shared() {
    if (shared == null) {
      shared = start(Map.of());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A separate server with some settings overridden (the caller closes it). */
  public static GatewayServer start(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("HTTP_PORT", "0");
    env.put("HTTP_INSTANCES", "2");
    env.put("CLIENT_CACHE_MILLIS", "300");
    env.put("RATE_LIMIT_ENABLED", "false"); // the rate-limit tests start their own server with small limits
    env.put("KEYGEN_SWEEP_MILLIS", "60000"); // new wallets go by event bus; the sweep is tested apart
    // webhook tests start servers that deliver; the others must not claim those tests' events
    env.put("WEBHOOK_DELIVERY_ENABLED", "false");
    env.put("SANDBOX_BLOCK_MILLIS", "100"); // ethereum's 12 confirmations in about a second
    env.putAll(overrides);
    try {
      return GatewayServer.start(config(env));
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start: " + e.getMessage(), e);
    }
  }

  /** Configuration as the jar would build it from these environment variables, on the test database. */
  public static GatewayConfig config(Map<String, String> env) {
    Map<String, String> withKeys = new HashMap<>(Map.of("JWT_SECRET", JWT_SECRET, "WALLET_MASTER_KEY", MASTER_KEY));
    withKeys.putAll(env);
    return GatewayConfig.fromSources(new JsonObject(), withKeys).withDatabaseUrl(TestDatabase.url());
  }
}
