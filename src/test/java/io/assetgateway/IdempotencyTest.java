package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Idempotency-Key on every authenticated POST")
class IdempotencyTest {
  static final String KEY = "Idempotency-Key";
  static final String WALLETS = "/api/v1/wallets";
  static GatewayServer server;
  static Api api;
  static Fixtures fx;
  static Vertx vertx;
  /** Connections of the test itself, to hold locks that keep a request running. */
  static Pool blockers;

  @BeforeAll
  static void start() {
    // a 2 s database bound (statement_timeout), and a sweep of expired keys every 200 ms
    server = TestGateway.start(Map.of("DB_CONNECT_TIMEOUT_SECONDS", "2", "IDEMPOTENCY_SWEEP_MILLIS", "200",
        "IDEMPOTENCY_LEASE_SECONDS", "30"));
    api = new Api(server.port());
    fx = Fixtures.get();
    vertx = Vertx.vertx();
    blockers = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(TestDatabase.url().connectOptions())
        .using(vertx).build();
  }

  @AfterAll
  static void stop() {
    server.close();
    vertx.close();
  }

  static Api.Reply post(String token, String path, String key, JsonObject body) {
    Map<String, String> headers = key == null ? Map.of("Authorization", "Bearer " + token)
        : Map.of("Authorization", "Bearer " + token, KEY, key);
    return api.post(path, headers, body.encode());
  }

  static long wallets(String clientId) {
    return fx.count("SELECT count(*) FROM wallets WHERE client_id = $1", clientId);
  }

  static long storedKeys(String clientId) {
    return fx.count("SELECT count(*) FROM idempotency_keys WHERE client_id = $1", clientId);
  }

  @Test
  @DisplayName("a retry with the same key and body replays the first answer byte for byte (Idempotent-Replayed: true) and creates nothing")
  void replay() {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    JsonObject body = new JsonObject().put("wallet_name", "Treasury");
    String key = UUID.randomUUID().toString();

    Api.Reply first = post(token, WALLETS, key, body);
    assertEquals(200, first.status(), first::toString);
    assertNull(first.header("Idempotent-Replayed"));
    Api.Reply again = post(token, WALLETS, key, body);
    assertEquals(200, again.status());
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(first.body(), again.body());
    assertTrue(again.contentType().startsWith("application/json"));
    assertEquals(1, wallets(client.clientId()));
  }

  @Test
  @DisplayName("without a key a retried POST /api/v1/wallets creates a second wallet (the client's choice), and costs no key row")
  void noKeyNoProtection() {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    JsonObject body = new JsonObject().put("wallet_name", "Treasury");
    Api.Reply first = post(token, WALLETS, null, body);
    Api.Reply second = post(token, WALLETS, null, body);
    assertEquals(200, first.status());
    assertEquals(200, second.status());
    assertNotEquals(first.json().getString("wallet_id"), second.json().getString("wallet_id"));
    assertEquals(2, wallets(client.clientId()));
    assertEquals(0, storedKeys(client.clientId()), "requests without the header never touch the key table");
  }

  @Test
  @DisplayName("the same key with another body, or on another route, is 422 idempotency_key_reused")
  void reusedKey() {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    String key = UUID.randomUUID().toString();
    assertEquals(200, post(token, WALLETS, key, new JsonObject().put("wallet_name", "A")).status());
    assertError(post(token, WALLETS, key, new JsonObject().put("wallet_name", "B")), 422, "idempotency_key_reused",
        "invalid_request_error");
    assertError(post(token, "/api/v1/accounts", key, new JsonObject().put("wallet_id", "wal_x").put("chain", "ethereum")),
        422, "idempotency_key_reused", "invalid_request_error");
    assertEquals(1, wallets(client.clientId()));
  }

  @Test
  @DisplayName("16 racing requests with one key create one wallet; while the first still runs the others are 409 conflict")
  void racing() throws Exception {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    // Hold the client's row for a second: the first request's wallet insert (which counts the client's wallets)
    // waits, so the others surely arrive while it is in progress.
    SqlConnection blocker = Fixtures.await(blockers.getConnection());
    Fixtures.await(blocker.query("BEGIN").execute());
    Fixtures.await(blocker.preparedQuery("SELECT 1 FROM clients WHERE client_id = $1 FOR NO KEY UPDATE")
        .execute(Tuple.of(client.clientId())));
    vertx.setTimer(1_000, t -> blocker.query("COMMIT").execute().onComplete(done -> blocker.close()));
    List<Api.Reply> replies = api.postConcurrently(token, WALLETS, new JsonObject().put("wallet_name", "Race"), 16,
        Map.of(KEY, UUID.randomUUID().toString()));
    Set<String> walletIds = new HashSet<>();
    int conflicts = 0;
    for (Api.Reply r : replies) {
      if (r.status() == 200) {
        walletIds.add(r.json().getString("wallet_id"));
      } else {
        assertError(r, 409, "conflict", "conflict_error");
        conflicts++;
      }
    }
    assertEquals(1, walletIds.size(), replies::toString);
    assertTrue(conflicts > 0, "the race was run: some requests found the key in progress");
    assertEquals(1, wallets(client.clientId()));
  }

  @Test
  @DisplayName("a key held by a request still running is 409 conflict; once its lease has passed (the first never finished) a retry runs")
  void inProgressThenLeaseExpired() throws Exception {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    JsonObject body = new JsonObject().put("wallet_name", "Held");
    String key = UUID.randomUUID().toString();
    // what a request that claimed the key and then died leaves behind
    fx.execute("INSERT INTO idempotency_keys (client_id, idempotency_key, request_hash, state, owner, locked_until,"
            + " expires_at) VALUES ($1, $2, $3, 'in_progress', $4, now() + interval '1 hour', now() + interval '1 day')",
        client.clientId(), key, io.vertx.core.buffer.Buffer.buffer(hash("POST", WALLETS, body)), UUID.randomUUID());

    assertError(post(token, WALLETS, key, body), 409, "conflict", "conflict_error");
    assertEquals(0, wallets(client.clientId()));

    fx.execute("UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE client_id = $1",
        client.clientId());
    Api.Reply taken = post(token, WALLETS, key, body);
    assertEquals(200, taken.status(), taken::toString);
    assertNull(taken.header("Idempotent-Replayed"));
    assertEquals(taken.body(), post(token, WALLETS, key, body).body(), "and its answer is the one kept");
    assertEquals(1, wallets(client.clientId()));
  }

  @Test
  @DisplayName("keys are per client: two clients using one key each get their own wallet")
  void perClient() {
    Fixtures.TestClient a = fx.client();
    Fixtures.TestClient b = fx.client();
    String key = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("wallet_name", "Same");
    Api.Reply fromA = post(api.bearer(a), WALLETS, key, body);
    Api.Reply fromB = post(api.bearer(b), WALLETS, key, body);
    assertEquals(200, fromA.status());
    assertEquals(200, fromB.status());
    assertEquals(b.clientId(), fromB.json().getString("client_id"));
    assertEquals(1, wallets(a.clientId()));
    assertEquals(1, wallets(b.clientId()));
  }

  @Test
  @DisplayName("Add Asset with a key: the retry replays the created asset (not asset_already_exists), and a 4xx is kept and replayed too")
  void addAssetReplay() {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    String account = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
    JsonObject body = new JsonObject().put("account_id", account).put("symbol", "USDT").put("chain", "ethereum");
    String key = UUID.randomUUID().toString();
    Api.Reply first = post(token, "/api/v1/assets", key, body);
    assertEquals(200, first.status());
    Api.Reply again = post(token, "/api/v1/assets", key, body);
    assertEquals(first.body(), again.body());
    assertEquals("true", again.header("Idempotent-Replayed"));

    String otherKey = UUID.randomUUID().toString();
    assertError(post(token, "/api/v1/assets", otherKey, body), 400, "asset_already_exists", "business_error");
    Api.Reply replayedError = post(token, "/api/v1/assets", otherKey, body);
    assertError(replayedError, 400, "asset_already_exists", "business_error");
    assertEquals("true", replayedError.header("Idempotent-Replayed"));
    assertEquals(1, fx.countAssets(account));
  }

  @Test
  @DisplayName("a key is 1 to 255 characters: longer is 400 invalid_parameter")
  void keyLength() {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    assertError(post(token, WALLETS, "k".repeat(256), new JsonObject().put("wallet_name", "x")), 400,
        "invalid_parameter", "invalid_request_error");
    assertEquals(0, wallets(client.clientId()));
    assertEquals(200, post(token, WALLETS, "k".repeat(255), new JsonObject().put("wallet_name", "x")).status());
  }

  @Test
  @DisplayName("a 5xx answer is not kept: the key is released, and the retry runs the request again")
  void serverErrorReleasesTheKey() throws Exception {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    String account = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
    JsonObject body = new JsonObject().put("account_id", account).put("symbol", "USDT").put("chain", "ethereum");
    String key = UUID.randomUUID().toString();
    // an open transaction holds this asset's unique key: the add waits until PostgreSQL cancels it (57014)
    SqlConnection blocker = Fixtures.await(blockers.getConnection());
    try {
      Fixtures.await(blocker.query("BEGIN").execute());
      Fixtures.await(blocker.preparedQuery("INSERT INTO assets (asset_id, account_id, wallet_id, client_id, address, chain,"
              + " symbol, network, name, contract_address, decimals, asset_type) SELECT 'ast_blocker_' || $1, account_id,"
              + " wallet_id, client_id, address, 'ethereum', 'USDT', 'mainnet', 'Tether USD',"
              + " '0xdAC17F958D2ee523a2206206994597C13D831ec7', 6, 'ERC20' FROM accounts WHERE account_id = $1")
          .execute(Tuple.of(account)));
      Api.Reply cancelled = post(token, "/api/v1/assets", key, body);
      String message = assertError(cancelled, 503, "service_unavailable", "api_error").getString("message");
      assertTrue(message.contains("not applied"), message);
    } finally {
      Fixtures.await(blocker.query("ROLLBACK").execute());
      Fixtures.await(blocker.close());
    }
    for (int i = 0; i < 50 && storedKeys(client.clientId()) > 0; i++) {
      Thread.sleep(100); // the release is not awaited by the 503
    }
    Api.Reply retry = post(token, "/api/v1/assets", key, body);
    assertEquals(200, retry.status(), retry::toString);
    assertNull(retry.header("Idempotent-Replayed"), "run again, not a replayed 503");
    assertEquals(1, fx.countAssets(account));
  }

  @Test
  @DisplayName("expired keys are deleted by the periodic sweep")
  void expiredKeysAreDeleted() throws Exception {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    assertEquals(200, post(token, WALLETS, "to-expire", new JsonObject().put("wallet_name", "x")).status());
    assertEquals(200, post(token, WALLETS, "to-keep", new JsonObject().put("wallet_name", "y")).status());
    long expiresInHours = fx.count("SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::bigint"
        + " FROM idempotency_keys WHERE client_id = $1 AND idempotency_key = 'to-keep'", client.clientId());
    assertEquals(24, expiresInHours, "kept 24 h by default");
    fx.execute("UPDATE idempotency_keys SET expires_at = now() - interval '1 second'"
        + " WHERE client_id = $1 AND idempotency_key = 'to-expire'", client.clientId());
    for (int i = 0; i < 100 && storedKeys(client.clientId()) > 1; i++) {
      Thread.sleep(100);
    }
    assertEquals(1, storedKeys(client.clientId()), "only the unexpired key is left");
    assertEquals(1, fx.count("SELECT count(*) FROM idempotency_keys WHERE client_id = $1 AND idempotency_key = 'to-keep'",
        client.clientId()));
  }

  static byte[] hash(String method, String path, JsonObject body) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update(body.encode().getBytes(StandardCharsets.UTF_8));
    return sha.digest();
  }
}
