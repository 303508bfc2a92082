package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.registry.ChainFamily;
import io.assetgateway.registry.RegistryEntry;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.support.Api;
import io.assetgateway.support.CuttableProxy;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  @Test
  @DisplayName("300 concurrent adds while the network to PostgreSQL is frozen: admission stays bounded, each is answered 503 within the request timeout, and the database then holds exactly what the answers promised")
  void overloadWhileFrozen() throws Exception {
    int requests = 300;
    int queueMax = 64;
    AssetRegistry registry = AssetRegistry.load(Optional.empty());
    List<RegistryEntry> evmAssets = registry.entries().stream()
        .filter(e -> registry.chain(e.chain()).orElseThrow().isEvm()).toList();
    Fixtures fx = Fixtures.get();
    Fixtures.TestClient client = fx.client();
    List<JsonObject> bodies = new ArrayList<>();
    while (bodies.size() < requests) { // every request a distinct (account, chain, symbol) that can succeed
      String account = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
      for (RegistryEntry e : evmAssets.subList(0, Math.min(evmAssets.size(), requests - bodies.size()))) {
        bodies.add(new JsonObject().put("account_id", account).put("symbol", e.symbol()).put("chain", e.chain()));
      }
    }
    String warmAccount = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
    try (CuttableProxy proxy = new CuttableProxy(db().host(), db().port());
        GatewayServer server = behind(proxy, Map.of("CLIENT_CACHE_MILLIS", "60000", "ASSET_QUEUE_MAX",
            Integer.toString(queueMax), "ASSET_QUEUE_MAX_WAIT_MILLIS", "1500"))) {
      Api api = new Api(server.port());
      String token = api.bearer(client);
      assertEquals(200, api.addAsset(token, body(warmAccount, "ETH")).status()); // the client's status is cached now

      proxy.freeze();
      List<Api.Timed> replies = api.postAllAtOnce(token, "/api/v1/assets", bodies);

      long boundMillis = 3_000 + 1_500; // the request timeout (DB_CONNECT_TIMEOUT_SECONDS + 1 s), plus scheduling
      boolean[] notApplied = new boolean[requests];
      int refusedAtOnce = 0;
      for (int i = 0; i < requests; i++) {
        Api.Timed t = replies.get(i);
        String message = assertError(t.reply(), 503, "service_unavailable", "api_error").getString("message");
        assertTrue(t.took().toMillis() <= boundMillis, "answered in " + t.took().toMillis() + " ms: " + t.reply());
        notApplied[i] = message.contains("not applied");
        assertTrue(notApplied[i] || message.contains("outcome is unknown"), "a 503 says what happened: " + message);
        refusedAtOnce += message.startsWith("Too many Add Asset requests") ? 1 : 0;
      }
      // The server held at most ASSET_QUEUE_MAX requests (and the one in flight); the rest were refused on arrival.
      assertTrue(refusedAtOnce >= requests - queueMax - 1, refusedAtOnce + " refused at once");

      proxy.thaw();
      Api.Reply back = null;
      for (int i = 0; i < 50 && (back == null || back.status() != 200); i++) {
        Thread.sleep(200);
        back = api.addAsset(token, body(warmAccount, "USDT"));
      }
      assertEquals(200, back.status(), "recovered by itself: " + back);
      Thread.sleep(1_000); // whatever was frozen on the wire has landed by now

      int unknownWithRow = 0;
      for (int i = 0; i < requests; i++) {
        long rows = rowsFor(fx, bodies.get(i));
        if (notApplied[i]) {
          assertEquals(0, rows, "answered 'not applied', so never written: " + bodies.get(i));
        } else {
          assertTrue(rows <= 1);
          unknownWithRow += (int) rows;
        }
      }
      // Retrying, as every answer said is safe, leaves exactly one row per request: no loss, no duplicate.
      for (int i = 0; i < requests; i++) {
        Api.Reply retry = api.addAsset(token, bodies.get(i));
        boolean landedEarlier = !notApplied[i] && "asset_already_exists".equals(retry.code());
        assertTrue(retry.status() == 200 || landedEarlier, retry::toString);
        assertEquals(1, rowsFor(fx, bodies.get(i)));
      }
      System.out.printf("frozen overload: %d refused at once, %d not applied, %d outcome unknown (%d of them landed)%n",
          refusedAtOnce, countTrue(notApplied), requests - countTrue(notApplied), unknownWithRow);
    }
  }

  @Test
  @DisplayName("a request answered by the request timeout while still queued is never written, even after the database comes back")
  void answeredWhileQueuedIsNeverSent() throws Exception {
    Fixtures fx = Fixtures.get();
    Fixtures.TestClient client = fx.client();
    String account = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
    AssetRegistry registry = AssetRegistry.load(Optional.empty());
    List<JsonObject> bodies = registry.entries().stream().filter(e -> registry.chain(e.chain()).orElseThrow().isEvm())
        .limit(12).map(e -> new JsonObject().put("account_id", account).put("symbol", e.symbol()).put("chain", e.chain()))
        .toList();
    // one request per statement, and a queue wait longer than the request timeout: the timeout answers them first
    try (CuttableProxy proxy = new CuttableProxy(db().host(), db().port());
        GatewayServer server = behind(proxy, Map.of("CLIENT_CACHE_MILLIS", "60000", "ASSET_BATCH_MAX_SIZE", "1",
            "ASSET_QUEUE_MAX_WAIT_MILLIS", "60000"))) {
      Api api = new Api(server.port());
      String token = api.bearer(client);
      String warm = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
      assertEquals(200, api.addAsset(token, body(warm, "ETH")).status());

      proxy.freeze();
      for (Api.Timed t : api.postAllAtOnce(token, "/api/v1/assets", bodies)) {
        assertError(t.reply(), 503, "service_unavailable", "api_error");
      }
      proxy.thaw();
      Api.Reply back = null;
      for (int i = 0; i < 50 && (back == null || back.status() != 200); i++) {
        Thread.sleep(200);
        back = api.addAsset(token, body(warm, "USDT"));
      }
      assertEquals(200, back.status(), "recovered by itself: " + back);
      Thread.sleep(1_000);
      // at most the two statements that were on the wire when the network froze and when the first timed out
      assertTrue(fx.countAssets(account) <= 2, fx.countAssets(account) + " of " + bodies.size() + " written");
    }
  }

  private static long rowsFor(Fixtures fx, JsonObject body) {
    return fx.count("SELECT count(*) FROM assets WHERE account_id = $1 AND chain = $2 AND symbol = $3",
        body.getString("account_id"), body.getString("chain"), body.getString("symbol"));
  }

  private static int countTrue(boolean[] flags) {
    int n = 0;
    for (boolean f : flags) {
      n += f ? 1 : 0;
    }
    return n;
  }

  private static DatabaseUrl db() {
    return TestDatabase.url();
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
