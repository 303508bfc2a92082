package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.support.Api;
import io.assetgateway.support.CuttableProxy;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Database outages")
class DatabaseOutageTest {
  /** DB_CONNECT_TIMEOUT_SECONDS of the servers behind the proxy. */
  static final int DB_TIMEOUT_SECONDS = 2;
  /**
   * The documented bound on every answer, DB_CONNECT_TIMEOUT_SECONDS + 1 s, plus 1 s of margin for scheduling
   * on a loaded 2-core machine (the server's own timer, the client's threads, a GC pause). A correctness bound,
   * not a performance target: without the server-side timeouts these requests would hang until the client gave up
   * (30 s).
   */
  static final Duration BOUND = Duration.ofSeconds(DB_TIMEOUT_SECONDS + 1).plus(Duration.ofSeconds(1));

  @Test
  @DisplayName("while PostgreSQL is cut off: 503 service_unavailable (not a hang), /health 503, nothing written; then recovery without restart")
  void cutAndRestore() throws Exception {
    DatabaseUrl db = TestDatabase.url();
    Fixtures fx = Fixtures.get();
    Fixtures.TestClient client = fx.client();
    String accountId = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
    try (CuttableProxy proxy = new CuttableProxy(db.host(), db.port());
        GatewayServer server = behind(proxy, Map.of())) {
      Api api = new Api(server.port()); // every request below is timed against BOUND
      String token = api.bearer(client);
      assertEquals(200, within(() -> api.addAsset(token, body(accountId, "ETH"))).status());

      proxy.cut();
      assertError(within(() -> api.addAsset(token, body(accountId, "USDT"))), 503, "service_unavailable", "api_error");
      assertError(within(() -> api.addAsset(token, body(accountId, "USDC"))), 503, "service_unavailable", "api_error");
      assertError(within(() -> api.get(token, "/api/v1/assets?account_id=" + accountId)), 503, "service_unavailable", "api_error");
      Api.Reply health = within(() -> api.send("GET", "/health", Map.of()));
      assertEquals(503, health.status());
      assertEquals("DOWN", health.json().getString("status"));
      assertEquals(503, within(() -> api.send("GET", "/ready", Map.of())).status(), "not ready without a database");
      assertEquals(200, within(() -> api.send("GET", "/live", Map.of())).status(), "but alive: no reason to restart it");
      assertEquals(1, fx.countAssets(accountId), "nothing written while cut off");

      proxy.restore();
      Api.Reply back = null;
      for (int i = 0; i < 50 && (back == null || back.status() != 200); i++) {
        Thread.sleep(200);
        back = within(() -> api.addAsset(token, body(accountId, "USDT")));
      }
      assertEquals(200, back.status(), "recovered by itself: " + back);
      assertEquals(200, within(() -> api.send("GET", "/health", Map.of())).status());
      assertEquals(200, within(() -> api.send("GET", "/ready", Map.of())).status());
      assertEquals(2, fx.countAssets(accountId));
    }
  }

  @Test
  @DisplayName("while the network to PostgreSQL is frozen: every request is answered 503 within the bound, then recovery")
  void freezeAndThaw() throws Exception {
    DatabaseUrl db = TestDatabase.url();
    Fixtures fx = Fixtures.get();
    Fixtures.TestClient client = fx.client();
    String accountId = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
    try (CuttableProxy proxy = new CuttableProxy(db.host(), db.port());
        GatewayServer server = behind(proxy, Map.of("CLIENT_CACHE_MILLIS", "0"))) {
      Api api = new Api(server.port()); // every request below is timed against BOUND
      String token = api.bearer(client);
      assertEquals(200, within(() -> api.addAsset(token, body(accountId, "ETH"))).status());

      proxy.freeze();
      assertError(within(() -> api.addAsset(token, body(accountId, "USDT"))), 503, "service_unavailable", "api_error");
      assertError(within(() -> api.get(token, "/api/v1/wallets")), 503, "service_unavailable", "api_error");
      assertEquals(503, within(() -> api.send("GET", "/health", Map.of())).status());

      proxy.thaw();
      Api.Reply back = null;
      for (int i = 0; i < 50 && (back == null || back.status() != 200); i++) {
        Thread.sleep(200);
        back = within(() -> api.addAsset(token, body(accountId, "USDC")));
      }
      assertEquals(200, back.status(), "recovered by itself: " + back);
      // The USDT request was answered 503 without knowing its fate; its bytes may still have reached the
      // database after the thaw. Retrying is safe: exactly one row, never two.
      Api.Reply retry = within(() -> api.addAsset(token, body(accountId, "USDT")));
      assertEquals(true, retry.status() == 200 || "asset_already_exists".equals(retry.code()), retry::toString);
      assertEquals(1, fx.count("SELECT count(*) FROM assets WHERE account_id = $1 AND symbol = 'USDT'", accountId));
    }
  }

  /** A server whose database connections all go through the proxy, with a 2 s database timeout. */
  static GatewayServer behind(CuttableProxy proxy, Map<String, String> extra) throws Exception {
    DatabaseUrl db = TestDatabase.url();
    Map<String, String> env = new java.util.HashMap<>(Map.of("HTTP_PORT", "0", "HTTP_INSTANCES", "1",
        "DB_CONNECT_TIMEOUT_SECONDS", Integer.toString(DB_TIMEOUT_SECONDS), "RATE_LIMIT_ENABLED", "false"));
    env.putAll(extra);
    return GatewayServer.start(TestGateway.config(env)
        .withDatabaseUrl(new DatabaseUrl("127.0.0.1", proxy.port(), db.database(), db.user(), db.password())));
  }

  /** Sends one request and asserts it was answered within BOUND. */
  static Api.Reply within(Supplier<Api.Reply> request) {
    long start = System.nanoTime();
    Api.Reply reply = request.get();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(elapsed.compareTo(BOUND) <= 0,
        () -> "answered in " + elapsed.toMillis() + " ms, over the bound of " + BOUND.toMillis() + " ms: " + reply);
    return reply;
  }

  static JsonObject body(String accountId, String symbol) {
    return new JsonObject().put("account_id", accountId).put("symbol", symbol).put("chain", "ethereum");
  }
}
