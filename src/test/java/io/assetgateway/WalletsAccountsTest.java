package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.registry.Chain;
import io.assetgateway.registry.ChainFamily;
import io.assetgateway.keys.AddressDerivation;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Wallets, accounts and reads")
class WalletsAccountsTest {
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
  }

  /** Polls a wallet as the SDK quick start does, until it is ACTIVE. */
  static JsonObject waitActive(String token, String walletId) throws InterruptedException {
    JsonObject wallet = null;
    for (int i = 0; i < 100; i++) {
      wallet = api.get(token, "/api/v1/wallets/" + walletId).json();
      if ("ACTIVE".equals(wallet.getString("status"))) {
        return wallet;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("wallet never became ACTIVE: " + wallet);
  }

  static String activeWallet(String token) throws InterruptedException {
    Api.Reply created = api.postJson(token, "/api/v1/wallets", new JsonObject().put("wallet_name", "w"));
    assertEquals(200, created.status(), created::toString);
    return waitActive(token, created.json().getString("wallet_id")).getString("wallet_id");
  }

  @Test
  @DisplayName("the SDK quick start: token, wallet, wait ACTIVE, account, asset, read back, list")
  void sdkQuickStart() throws Exception {
    Fixtures.TestClient client = fx.client("Quick Start", 10, List.of());
    Api.Reply tokenReply = api.token(client.apiKey(), client.apiSecret());
    assertEquals(200, tokenReply.status());
    String token = tokenReply.json().getString("token");

    Api.Reply created = api.postJson(token, "/api/v1/wallets",
        new JsonObject().put("wallet_name", "Treasury").put("description", "main"));
    assertEquals(200, created.status(), created::toString);
    JsonObject wallet = created.json();
    assertEquals(Set.of("wallet_id", "client_id", "wallet_name", "description", "status", "key_status", "created_at",
        "updated_at"), wallet.fieldNames());
    assertTrue(wallet.getString("wallet_id").matches("wal_[0-9A-Z]{26}"));
    assertEquals(client.clientId(), wallet.getString("client_id"));
    assertEquals("Treasury", wallet.getString("wallet_name"));
    assertEquals("main", wallet.getString("description"));
    assertEquals("PROGRESSING", wallet.getString("status"));
    assertEquals("GENERATING", wallet.getString("key_status"));

    JsonObject active = waitActive(token, wallet.getString("wallet_id"));
    assertEquals("ACTIVE", active.getString("key_status"));

    Api.Reply accountReply = api.postJson(token, "/api/v1/accounts", new JsonObject()
        .put("wallet_id", wallet.getString("wallet_id")).put("chain", "ethereum").put("label", "deposits"));
    assertEquals(200, accountReply.status(), accountReply::toString);
    JsonObject account = accountReply.json();
    assertEquals(Set.of("account_id", "wallet_id", "client_id", "address", "network", "address_type", "label", "status",
        "created_at"), account.fieldNames());
    assertEquals("mainnet", account.getString("network"));
    assertEquals("ACTIVE", account.getString("status"));
    assertEquals("deposits", account.getString("label"));
    assertEquals(AddressDerivation.address(ChainFamily.EVM, fx.seedOf(wallet.getString("wallet_id")), 0),
        account.getString("address"));

    Api.Reply added = api.addAsset(token, new JsonObject().put("account_id", account.getString("account_id"))
        .put("symbol", "USDT").put("chain", "ethereum"));
    assertEquals(200, added.status(), added::toString);
    Api.Reply read = api.get(token, "/api/v1/assets/" + added.json().getString("asset_id"));
    assertEquals(200, read.status());
    assertEquals(added.json(), read.json(), "a read returns exactly what Add Asset returned");

    JsonObject assets = api.get(token, "/api/v1/assets?account_id=" + account.getString("account_id")).json();
    assertEquals(1, assets.getLong("total"));
    assertFalse(assets.getBoolean("has_more"));
    assertEquals(added.json(), assets.getJsonArray("data").getJsonObject(0));
    assertEquals(account, api.get(token, "/api/v1/accounts/" + account.getString("account_id")).json());
    JsonObject accounts = api.get(token, "/api/v1/accounts?wallet_id=" + wallet.getString("wallet_id")).json();
    assertEquals(List.of(account), accounts.getJsonArray("data").getList().stream().map(o -> new JsonObject((Map<String, Object>) o)).toList());
    JsonObject wallets = api.get(token, "/api/v1/wallets").json();
    assertEquals(1, wallets.getLong("total"));
    assertEquals(wallet.getString("wallet_id"), wallets.getJsonArray("data").getJsonObject(0).getString("wallet_id"));
  }

  @Nested
  @DisplayName("wallets")
  class Wallets {
    @Test
    @DisplayName("bad bodies are 400 invalid_parameter naming the field")
    void badBodies() {
      String token = api.bearer(fx.client());
      Map<JsonObject, String> cases = Map.of(
          new JsonObject(), "wallet_name",
          new JsonObject().put("wallet_name", ""), "wallet_name",
          new JsonObject().put("wallet_name", "n".repeat(101)), "wallet_name",
          new JsonObject().put("wallet_name", 7), "wallet_name",
          new JsonObject().put("wallet_name", "ok").put("description", "d".repeat(501)), "description",
          new JsonObject().put("wallet_name", "ok").put("description", 5), "description");
      cases.forEach((body, field) -> {
        JsonObject e = assertError(api.postJson(token, "/api/v1/wallets", body), 400, "invalid_parameter",
            "invalid_request_error");
        assertTrue(e.getString("message").startsWith(field), e::encode);
      });
      assertError(api.post("/api/v1/wallets", Map.of("Authorization", "Bearer " + token), "[]"), 400, "bad_request",
          "invalid_request_error");
      assertEquals(0, api.get(token, "/api/v1/wallets").json().getLong("total"));
    }

    @Test
    @DisplayName("max_wallets: the next wallet is 400 wallet_limit_reached")
    void limit() {
      Fixtures.TestClient client = fx.client("Small", 2, List.of());
      String token = api.bearer(client);
      JsonObject body = new JsonObject().put("wallet_name", "w");
      assertEquals(200, api.postJson(token, "/api/v1/wallets", body).status());
      assertEquals(200, api.postJson(token, "/api/v1/wallets", body).status());
      assertError(api.postJson(token, "/api/v1/wallets", body), 400, "wallet_limit_reached", "business_error");
      assertEquals(2, fx.count("SELECT count(*) FROM wallets WHERE client_id = $1", client.clientId()));
    }

    @Test
    @DisplayName("20 concurrent creates against max_wallets 5: exactly 5 wallets")
    void concurrentLimit() {
      Fixtures.TestClient client = fx.client("Racy", 5, List.of());
      String token = api.bearer(client);
      List<Api.Reply> replies = api.postConcurrently(token, "/api/v1/wallets", new JsonObject().put("wallet_name", "w"), 20);
      Map<String, Integer> outcomes = new TreeMap<>();
      replies.forEach(r -> outcomes.merge(r.status() == 200 ? "200" : r.code(), 1, Integer::sum));
      assertEquals(Map.of("200", 5, "wallet_limit_reached", 15), outcomes);
      assertEquals(5, fx.count("SELECT count(*) FROM wallets WHERE client_id = $1", client.clientId()));
    }

    @Test
    @DisplayName("wallets left PROGRESSING by a stopped server are finished when a server starts")
    void finishedOnNextStart() throws Exception {
      Fixtures.TestClient client = fx.client();
      List<String> stuck = List.of("wal_STUCK" + System.nanoTime() + "A", "wal_STUCK" + System.nanoTime() + "B");
      for (String id : stuck) { // what a crash between insert and key generation leaves behind
        fx.execute("INSERT INTO wallets (wallet_id, client_id, wallet_name, status, key_status)"
            + " VALUES ($1, $2, 'stuck', 'PROGRESSING', 'GENERATING')", id, client.clientId());
      }
      try (var restarted = TestGateway.start(Map.of())) {
        // start-up awaits the first sweep, so the wallets are finished by now
        for (String id : stuck) {
          assertEquals(1, fx.count("SELECT count(*) FROM wallets WHERE wallet_id = $1 AND status = 'ACTIVE'"
              + " AND key_status = 'ACTIVE' AND encrypted_seed IS NOT NULL", id), id);
          assertEquals(64, fx.seedOf(id).length);
        }
        String token = new Api(restarted.port()).bearer(client);
        Api.Reply account = new Api(restarted.port()).postJson(token, "/api/v1/accounts",
            new JsonObject().put("wallet_id", stuck.get(0)).put("chain", "solana"));
        assertEquals(200, account.status(), account::toString);
      }
    }
  }

  @Nested
  @DisplayName("accounts")
  class Accounts {
    @Test
    @DisplayName("every enabled chain gets a valid address, reproducible from the wallet seed and path")
    void derivedAddresses() throws Exception {
      Fixtures.TestClient client = fx.client();
      String token = api.bearer(client);
      String walletId = activeWallet(token);
      byte[] seed = fx.seedOf(walletId);
      AssetRegistry registry = AssetRegistry.load(Optional.empty());
      Map<String, String> first = new TreeMap<>();
      for (Chain chain : registry.chains().values()) {
        Api.Reply reply = api.postJson(token, "/api/v1/accounts",
            new JsonObject().put("wallet_id", walletId).put("chain", chain.name()));
        assertEquals(200, reply.status(), reply::toString);
        String address = reply.json().getString("address");
        assertEquals(AddressDerivation.address(chain.family(), seed, 0), address, chain.name());
        assertTrue(switch (chain.family()) {
          case EVM -> io.assetgateway.address.Eip55.isChecksummed(address);
          case TRON -> address.startsWith("T") && io.assetgateway.address.Base58.decodeChecked(address)[0] == 0x41;
          case BITCOIN -> address.matches("bc1q[02-9ac-hj-np-z]{38}");
          case SOLANA -> io.assetgateway.address.Base58.decode(address).length == 32;
        }, address);
        first.put(chain.name(), address);
      }
      assertEquals(first.get("ethereum"), first.get("bsc"), "EVM chains share one derivation");
      assertEquals(first.get("ethereum"), first.get("base"));
      assertNotEquals(first.get("ethereum"), first.get("tron"));
      Api.Reply second = api.postJson(token, "/api/v1/accounts",
          new JsonObject().put("wallet_id", walletId).put("chain", "ethereum"));
      assertEquals(AddressDerivation.address(ChainFamily.EVM, seed, 1), second.json().getString("address"));
      assertEquals(1, fx.count("SELECT derivation_index FROM accounts WHERE account_id = $1",
          second.json().getString("account_id")));
    }

    @Test
    @DisplayName("error rows: bad body 400, unknown or foreign wallet 404, inactive wallet 400 wallet_not_active")
    void errors() throws Exception {
      Fixtures.TestClient client = fx.client();
      String token = api.bearer(client);
      String walletId = activeWallet(token);
      Map<JsonObject, String> bad = Map.of(
          new JsonObject().put("chain", "ethereum"), "wallet_id",
          new JsonObject().put("wallet_id", walletId), "chain",
          new JsonObject().put("wallet_id", walletId).put("chain", "dogecoin"), "chain",
          new JsonObject().put("wallet_id", "w".repeat(37)).put("chain", "ethereum"), "wallet_id",
          new JsonObject().put("wallet_id", walletId).put("chain", "ethereum").put("account_type", "OUTBOUND"), "account_type",
          new JsonObject().put("wallet_id", walletId).put("chain", "ethereum").put("label", "l".repeat(101)), "label");
      bad.forEach((body, field) -> {
        JsonObject e = assertError(api.postJson(token, "/api/v1/accounts", body), 400, "invalid_parameter",
            "invalid_request_error");
        assertTrue(e.getString("message").startsWith(field), e::encode);
      });
      assertEquals(200, api.postJson(token, "/api/v1/accounts", new JsonObject().put("wallet_id", walletId)
          .put("chain", "tron").put("account_type", "INBOUND").putNull("label")).status());

      assertError(api.postJson(token, "/api/v1/accounts", new JsonObject().put("wallet_id", "wal_nope")
          .put("chain", "ethereum")), 404, "not_found", "not_found_error");
      String foreign = fx.wallet(fx.client().clientId());
      assertError(api.postJson(token, "/api/v1/accounts", new JsonObject().put("wallet_id", foreign)
          .put("chain", "ethereum")), 404, "not_found", "not_found_error");
      String inactive = fx.wallet(client.clientId());
      fx.execute("UPDATE wallets SET status = 'INACTIVE' WHERE wallet_id = $1", inactive);
      assertError(api.postJson(token, "/api/v1/accounts", new JsonObject().put("wallet_id", inactive)
          .put("chain", "ethereum")), 400, "wallet_not_active", "business_error");
      assertEquals(1, fx.count("SELECT count(*) FROM accounts WHERE client_id = $1", client.clientId()));
    }
  }

  @Nested
  @DisplayName("reads and lists")
  class Reads {
    @Test
    @DisplayName("another client's wallet, account and asset are 404 on GET and absent from lists")
    void tenantIsolation() throws Exception {
      Fixtures.TestClient owner = fx.client();
      String ownerToken = api.bearer(owner);
      String walletId = activeWallet(ownerToken);
      String accountId = api.postJson(ownerToken, "/api/v1/accounts",
          new JsonObject().put("wallet_id", walletId).put("chain", "bitcoin")).json().getString("account_id");
      String assetId = api.addAsset(ownerToken, new JsonObject().put("account_id", accountId).put("symbol", "BTC"))
          .json().getString("asset_id");

      String intruder = api.bearer(fx.client());
      assertError(api.get(intruder, "/api/v1/wallets/" + walletId), 404, "not_found", "not_found_error");
      assertError(api.get(intruder, "/api/v1/accounts/" + accountId), 404, "not_found", "not_found_error");
      assertError(api.get(intruder, "/api/v1/assets/" + assetId), 404, "not_found", "not_found_error");
      assertEquals(0, api.get(intruder, "/api/v1/wallets").json().getLong("total"));
      assertEquals(0, api.get(intruder, "/api/v1/accounts?wallet_id=" + walletId).json().getLong("total"));
      assertEquals(0, api.get(intruder, "/api/v1/accounts").json().getLong("total"));
      assertEquals(0, api.get(intruder, "/api/v1/assets?account_id=" + accountId).json().getLong("total"));
      assertEquals(0, api.get(intruder, "/api/v1/assets").json().getLong("total"));
      assertError(api.get(ownerToken, "/api/v1/assets/ast_nope"), 404, "not_found", "not_found_error");
      assertError(api.get(ownerToken, "/api/v1/wallets/" + "x".repeat(300)), 404, "not_found", "not_found_error");
      assertError(api.get(ownerToken, "/api/v1/assets/ast_%00"), 404, "not_found", "not_found_error");
    }

    @Test
    @DisplayName("pagination: empty, exact multiple, last page, beyond the end; newest first and stable")
    void pagination() throws Exception {
      Fixtures.TestClient client = fx.client("Pager", 100, List.of());
      String token = api.bearer(client);
      JsonObject empty = api.get(token, "/api/v1/wallets").json();
      assertEquals(new JsonObject().put("data", new JsonArray()).put("total", 0).put("has_more", false), empty);

      for (int i = 0; i < 20; i++) {
        fx.wallet(client.clientId());
      }
      JsonObject exact = api.get(token, "/api/v1/wallets?page=2&page_size=10").json();
      assertEquals(10, exact.getJsonArray("data").size());
      assertEquals(20, exact.getLong("total"));
      assertFalse(exact.getBoolean("has_more"), "page 2 of an exact multiple is the last");
      assertTrue(api.get(token, "/api/v1/wallets?page=1&page_size=10").json().getBoolean("has_more"));

      for (int i = 0; i < 5; i++) {
        fx.wallet(client.clientId());
      }
      List<String> pages = new ArrayList<>();
      for (int page = 1; page <= 3; page++) {
        JsonObject p = api.get(token, "/api/v1/wallets?page=" + page + "&page_size=10").json();
        assertEquals(25, p.getLong("total"));
        assertEquals(page < 3, p.getBoolean("has_more"));
        p.getJsonArray("data").forEach(w -> pages.add(((JsonObject) w).getString("wallet_id")));
      }
      assertEquals(25, pages.size());
      assertEquals(25, new HashSet<>(pages).size(), "no wallet on two pages");
      JsonObject all = api.get(token, "/api/v1/wallets?page_size=100").json();
      List<String> oneGo = all.getJsonArray("data").stream().map(w -> ((JsonObject) w).getString("wallet_id")).toList();
      assertEquals(oneGo, pages, "pages concatenate to the full list, in the same order");
      assertEquals(fx.ids("SELECT wallet_id FROM wallets WHERE client_id = $1 ORDER BY created_at DESC, wallet_id DESC",
          client.clientId()), oneGo, "newest first, id as tie-break");
      JsonObject beyond = api.get(token, "/api/v1/wallets?page=9&page_size=10").json();
      assertEquals(new JsonObject().put("data", new JsonArray()).put("total", 25).put("has_more", false), beyond);
      assertEquals(10, api.get(token, "/api/v1/wallets").json().getJsonArray("data").size(), "default page_size 10");
    }

    @Test
    @DisplayName("page and page_size outside their ranges are 400 invalid_parameter")
    void badPaging() {
      String token = api.bearer(fx.client());
      for (String query : List.of("page=0", "page=-1", "page=abc", "page_size=0", "page_size=101", "page_size=1.5",
          "page=1&page=2", "page_size=")) {
        for (String path : List.of("/api/v1/wallets", "/api/v1/accounts", "/api/v1/assets")) {
          JsonObject e = assertError(api.get(token, path + "?" + query), 400, "invalid_parameter", "invalid_request_error");
          assertTrue(e.getString("message").startsWith("page"), e::encode);
        }
      }
      assertError(api.get(token, "/api/v1/assets?account_id=" + "a".repeat(37)), 400, "invalid_parameter",
          "invalid_request_error");
    }
  }
}
