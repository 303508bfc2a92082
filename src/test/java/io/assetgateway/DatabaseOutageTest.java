package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.support.Api;
import io.assetgateway.support.CuttableProxy;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Database outages")
class DatabaseOutageTest {

  @Test
  @DisplayName("while PostgreSQL is cut off: 503 service_unavailable (not a hang), /health 503, nothing written; then recovery without restart")
  void cutAndRestore() throws Exception {
    DatabaseUrl db = TestDatabase.url();
    Fixtures fx = Fixtures.get();
    Fixtures.TestClient client = fx.client();
    String accountId = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
    try (CuttableProxy proxy = new CuttableProxy(db.host(), db.port());
        GatewayServer server = behind(proxy, Map.of())) {
      Api api = new Api(server.port()); // its requests give up after 30 s: a hang fails the test
      String token = api.bearer(client);
      assertEquals(200, api.addAsset(token, body(accountId, "ETH")).status());

      proxy.cut();
      assertError(api.addAsset(token, body(accountId, "USDT")), 503, "service_unavailable", "api_error");
      assertError(api.addAsset(token, body(accountId, "USDC")), 503, "service_unavailable", "api_error");
      assertError(api.get(token, "/api/v1/assets?account_id=" + accountId), 503, "service_unavailable", "api_error");
      Api.Reply health = api.send("GET", "/health", Map.of());
      assertEquals(503, health.status());
      assertEquals("DOWN", health.json().getString("status"));
      assertEquals(503, api.send("GET", "/ready", Map.of()).status(), "not ready without a database");
      assertEquals(200, api.send("GET", "/live", Map.of()).status(), "but alive: no reason to restart it");
      assertEquals(1, fx.countAssets(accountId), "nothing written while cut off");

      proxy.restore();
      Api.Reply back = null;
      for (int i = 0; i < 50 && (back == null || back.status() != 200); i++) {
        Thread.sleep(200);
        back = api.addAsset(token, body(accountId, "USDT"));
      }
      assertEquals(200, back.status(), "recovered by itself: " + back);
      assertEquals(200, api.send("GET", "/health", Map.of()).status());
      assertEquals(200, api.send("GET", "/ready", Map.of()).status());
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
      Api api = new Api(server.port()); // 30 s client timeout: a hang fails the test
      String token = api.bearer(client);
      assertEquals(200, api.addAsset(token, body(accountId, "ETH")).status());

      proxy.freeze();
      assertError(api.addAsset(token, body(accountId, "USDT")), 503, "service_unavailable", "api_error");
      assertError(api.get(token, "/api/v1/wallets"), 503, "service_unavailable", "api_error");
      assertEquals(503, api.send("GET", "/health", Map.of()).status());

      proxy.thaw();
      Api.Reply back = null;
      for (int i = 0; i < 50 && (back == null || back.status() != 200); i++) {
        Thread.sleep(200);
        back = api.addAsset(token, body(accountId, "USDC"));
      }
      assertEquals(200, back.status(), "recovered by itself: " + back);
      // The USDT request was answered 503 without knowing its fate; its bytes may still have reached the
      // database after the thaw. Retrying is safe: exactly one row, never two.
      Api.Reply retry = api.addAsset(token, body(accountId, "USDT"));
      assertEquals(true, retry.status() == 200 || "asset_already_exists".equals(retry.code()), retry::toString);
      assertEquals(1, fx.count("SELECT count(*) FROM assets WHERE account_id = $1 AND symbol = 'USDT'", accountId));
    }
  }

  /** A server whose database connections all go through the proxy, with a 2 s database timeout. */
  static GatewayServer behind(CuttableProxy proxy, Map<String, String> extra) throws Exception {
    DatabaseUrl db = TestDatabase.url();
    Map<String, String> env = new java.util.HashMap<>(Map.of("HTTP_PORT", "0", "HTTP_INSTANCES", "1",
        "DB_CONNECT_TIMEOUT_SECONDS", "2", "RATE_LIMIT_ENABLED", "false"));
    env.putAll(extra);
    return GatewayServer.start(TestGateway.config(env)
        .withDatabaseUrl(new DatabaseUrl("127.0.0.1", proxy.port(), db.database(), db.user(), db.password())));
  }

  static JsonObject body(String accountId, String symbol) {
    return new JsonObject().put("account_id", accountId).put("symbol", symbol).put("chain", "ethereum");
  }
}
