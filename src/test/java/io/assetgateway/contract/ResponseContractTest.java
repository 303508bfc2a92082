package io.assetgateway.contract;

import static io.assetgateway.support.ApiAssertions.assertError;
import static io.assetgateway.support.Contract.assertConforms;
import static io.assetgateway.support.Contract.assertPage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Money;
import io.assetgateway.support.TestGateway;
import io.assetgateway.web.ApiError;
import io.assetgateway.web.JsonBodyValidator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every route, driven for real, and every answer held to the exact response schemas of {@code schemas/} (the ones
 * {@code /openapi.json} serves): success and error, empty and full lists, native and token assets on all four
 * chain families. A null string, a missing key or an extra key fails here.
 */
@DisplayName("The response contract (API.md conventions, strict schemas)")
class ResponseContractTest {
  static Api api;
  static Fixtures fx;
  static Fixtures.TestClient client;
  static String token;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
    client = fx.client();
    token = api.bearer(client);
  }

  static String activeWallet() throws InterruptedException {
    String id = assertConforms("wallet", api.postJson(token, "/api/v1/wallets",
        new JsonObject().put("wallet_name", "contract"))).getString("wallet_id");
    for (int i = 0; i < 200 && !"ACTIVE".equals(api.get(token, "/api/v1/wallets/" + id).json().getString("status")); i++) {
      Thread.sleep(25);
    }
    return id;
  }

  @Test
  @DisplayName("the error table, the error schema and API.md's catalogue name the same codes")
  void errorCatalogue() {
    JsonObject schema = JsonBodyValidator.loadSchema("error");
    Set<String> schemaCodes = schema.getJsonObject("properties").getJsonObject("code").getJsonArray("enum").stream()
        .map(Object::toString).collect(Collectors.toSet());
    Set<String> tableCodes = Arrays.stream(ApiError.values()).map(ApiError::code).collect(Collectors.toSet());
    assertEquals(tableCodes, schemaCodes);
    // the published catalogue (API.md "Error body"), every code of it present with its status and type
    Map<String, String> published = Map.ofEntries(Map.entry("bad_request", "400 invalid_request_error"),
        Map.entry("invalid_parameter", "400 invalid_request_error"),
        Map.entry("validation_failed", "400 invalid_request_error"), Map.entry("unauthorized", "401 authentication_error"),
        Map.entry("invalid_token", "401 authentication_error"), Map.entry("token_expired", "401 authentication_error"),
        Map.entry("forbidden", "403 permission_error"), Map.entry("not_found", "404 not_found_error"),
        Map.entry("conflict", "409 conflict_error"), Map.entry("payload_too_large", "413 invalid_request_error"),
        Map.entry("idempotency_key_reused", "422 invalid_request_error"),
        Map.entry("too_many_requests", "429 rate_limit_error"), Map.entry("wallet_limit_reached", "400 business_error"),
        Map.entry("wallet_not_active", "400 business_error"), Map.entry("account_not_active", "400 business_error"),
        Map.entry("asset_already_exists", "400 business_error"), Map.entry("insufficient_balance", "400 business_error"),
        Map.entry("invalid_address", "400 business_error"), Map.entry("transaction_failed", "400 business_error"),
        Map.entry("concurrency_error", "400 business_error"), Map.entry("internal_error", "500 api_error"),
        Map.entry("service_unavailable", "503 api_error"));
    Map<String, String> served = Arrays.stream(ApiError.values())
        .collect(Collectors.toMap(ApiError::code, e -> e.status() + " " + e.type()));
    published.forEach((code, statusAndType) -> assertEquals(statusAndType, served.get(code), code));
  }

  @Nested
  @DisplayName("token")
  class Token {
    @Test
    @DisplayName("200 carries the whole client object; 401 is the error body")
    void token() {
      JsonObject body = assertConforms("token", api.token(client.apiKey(), client.apiSecret()));
      assertEquals("", body.getJsonObject("client").getString("subscription_tier"), "unset strings are \"\"");
      assertError(api.token(client.apiKey(), "wrong"), 401, "unauthorized", "authentication_error");
      assertError(api.token(null, null), 401, "unauthorized", "authentication_error");
    }
  }

  @Nested
  @DisplayName("wallets")
  class Wallets {
    @Test
    @DisplayName("create, read, list (empty and full), a missing id, a foreign id")
    void wallets() throws Exception {
      Fixtures.TestClient fresh = fx.client();
      String freshToken = api.bearer(fresh);
      JsonObject empty = assertPage("wallet", api.get(freshToken, "/api/v1/wallets"));
      assertEquals(new JsonArray(), empty.getJsonArray("data"), "an empty list is [], never null");
      assertEquals(0, empty.getInteger("total"));
      JsonObject created = assertConforms("wallet", api.postJson(freshToken, "/api/v1/wallets",
          new JsonObject().put("wallet_name", "W")));
      assertEquals("", created.getString("description"), "an unset description is \"\"");
      assertConforms("wallet", api.get(freshToken, "/api/v1/wallets/" + created.getString("wallet_id")));
      assertEquals(1, assertPage("wallet", api.get(freshToken, "/api/v1/wallets")).getJsonArray("data").size());
      assertError(api.get(freshToken, "/api/v1/wallets/"), 400, "invalid_parameter", "invalid_request_error");
      assertEquals("Missing wallet ID", api.get(freshToken, "/api/v1/wallets/").json().getString("message"));
      assertError(api.get(token, "/api/v1/wallets/" + created.getString("wallet_id")), 404, "not_found",
          "not_found_error");
    }
  }

  @Nested
  @DisplayName("accounts")
  class Accounts {
    @Test
    @DisplayName("all four chain families, address_type INBOUND, label \"\" when unset; list, missing id")
    void accounts() throws Exception {
      String wallet = activeWallet();
      assertEquals(0, assertPage("account", api.get(token, "/api/v1/accounts?wallet_id=" + wallet)).getInteger("total"));
      for (String chain : List.of("ethereum", "bsc", "tron", "bitcoin", "solana")) {
        JsonObject account = assertConforms("account", api.postJson(token, "/api/v1/accounts",
            new JsonObject().put("wallet_id", wallet).put("chain", chain)));
        assertEquals("INBOUND", account.getString("address_type"), chain);
        assertEquals("", account.getString("label"), chain);
        assertConforms("account", api.get(token, "/api/v1/accounts/" + account.getString("account_id")));
      }
      JsonObject page = assertPage("account", api.get(token, "/api/v1/accounts?wallet_id=" + wallet + "&page_size=100"));
      assertEquals(5, page.getJsonArray("data").size());
      assertError(api.get(token, "/api/v1/accounts/"), 400, "invalid_parameter", "invalid_request_error");
      assertEquals("Missing account ID", api.get(token, "/api/v1/accounts/").json().getString("message"));
    }

    @Test
    @DisplayName("account_type DEPOSIT is INBOUND; anything else is 400 invalid_parameter")
    void accountType() throws Exception {
      String wallet = activeWallet();
      for (String type : List.of("INBOUND", "DEPOSIT")) {
        JsonObject account = assertConforms("account", api.postJson(token, "/api/v1/accounts",
            new JsonObject().put("wallet_id", wallet).put("chain", "ethereum").put("account_type", type)));
        assertEquals("INBOUND", account.getString("address_type"), type);
      }
      assertError(api.postJson(token, "/api/v1/accounts", new JsonObject().put("wallet_id", wallet)
          .put("chain", "ethereum").put("account_type", "OUTBOUND")), 400, "invalid_parameter", "invalid_request_error");
    }
  }

  @Nested
  @DisplayName("assets")
  class Assets {
    @Test
    @DisplayName("native and token assets on all four families: contract_address a string, \"0x\" for natives")
    void assets() throws Exception {
      String wallet = activeWallet();
      Map<String, List<String[]>> byChain = Map.of(
          "ethereum", List.of(new String[] {"ETH", "ethereum"}, new String[] {"USDT", "ethereum"},
              new String[] {"BNB", "bsc"}, new String[] {"USDT", "bsc"}),
          "tron", List.of(new String[] {"TRX", null}, new String[] {"USDT", null}),
          "bitcoin", List.<String[]>of(new String[] {"BTC", null}),
          "solana", List.<String[]>of(new String[] {"SOL", null}));
      Set<String> natives = new HashSet<>();
      for (Map.Entry<String, List<String[]>> chain : byChain.entrySet()) {
        String account = api.postJson(token, "/api/v1/accounts", new JsonObject().put("wallet_id", wallet)
            .put("chain", chain.getKey())).json().getString("account_id");
        assertEquals(0, assertPage("asset", api.get(token, "/api/v1/assets?account_id=" + account)).getInteger("total"));
        for (String[] symbolAndChain : chain.getValue()) {
          JsonObject body = new JsonObject().put("account_id", account).put("symbol", symbolAndChain[0]);
          if (symbolAndChain[1] != null) {
            body.put("chain", symbolAndChain[1]);
          }
          JsonObject asset = assertConforms("asset", api.addAsset(token, body));
          if (asset.getString("asset_type").equals("NATIVE")) {
            assertEquals("0x", asset.getString("contract_address"), asset.encode());
            natives.add(asset.getString("chain"));
          }
          assertConforms("asset", api.get(token, "/api/v1/assets/" + asset.getString("asset_id")));
        }
        assertEquals(chain.getValue().size(),
            assertPage("asset", api.get(token, "/api/v1/assets?account_id=" + account)).getJsonArray("data").size());
      }
      assertEquals(Set.of("ethereum", "bsc", "tron", "bitcoin", "solana"), natives);
      assertError(api.get(token, "/api/v1/assets/"), 400, "invalid_parameter", "invalid_request_error");
      assertEquals("Missing asset ID", api.get(token, "/api/v1/assets/").json().getString("message"));
      assertError(api.get(token, "/api/v1/assets/ast_nope"), 404, "not_found", "not_found_error");
    }
  }

  @Nested
  @DisplayName("transactions and transfers")
  class Transactions {
    @Test
    @DisplayName("deposit and transfer: lists (empty, full, filtered), reads, a missing id, both transfer routes, errors")
    void transactions() {
      Money.Holder h = Money.holder(api, fx, "ethereum", "ethereum", "USDT");
      String byAccount = "/api/v1/transactions?account_id=" + h.accountId();
      JsonObject empty = assertPage("transaction", api.get(h.token(), byAccount));
      assertEquals(new JsonArray(), empty.getJsonArray("data"));
      JsonObject deposit = Money.deposit("ethereum", h.address(), "USDT", "30");
      assertConforms("transaction", deposit);
      assertEquals("", deposit.getString("memo", ""), "no null strings");
      Money.awaitStatus(api, h.token(), deposit.getString("tx_id"), "CONFIRMED");
      assertConforms("transaction", api.get(h.token(), "/api/v1/transactions/" + deposit.getString("tx_id")));
      JsonObject transfer = assertConforms("transfer-result", api.postJson(h.token(), "/api/v1/transfer",
          new JsonObject().put("from_address", h.address()).put("to_address", "0x52908400098527886E0F7030069857D2E4169EE7")
              .put("chain", "ethereum").put("token_symbol", "USDT").put("amount", "1.25")));
      assertConforms("transaction", api.get(h.token(), "/api/v1/transactions/" + transfer.getString("tx_id")));
      assertConforms("transfer-result", api.postJson(h.token(), "/api/v1/transactions", new JsonObject()
          .put("operation", "TRANSFER").put("from_address", h.address())
          .put("to_address", "0x52908400098527886E0F7030069857D2E4169EE7").put("chain", "ethereum")
          .put("token_symbol", "USDT").put("amount", "2")));
      assertEquals(3, assertPage("transaction", api.get(h.token(), byAccount)).getJsonArray("data").size());
      assertEquals(3, assertPage("transaction", api.get(h.token(), "/api/v1/transactions?chain=ethereum&wallet_id="
          + h.walletId())).getInteger("total"));
      assertEquals(0, assertPage("transaction", api.get(h.token(), byAccount + "&chain=tron")).getInteger("total"));
      assertError(api.get(h.token(), "/api/v1/transactions/"), 400, "invalid_parameter", "invalid_request_error");
      assertEquals("Missing transaction ID", api.get(h.token(), "/api/v1/transactions/").json().getString("message"));
      assertError(api.get(token, "/api/v1/transactions/" + deposit.getString("tx_id")), 404, "not_found",
          "not_found_error");
      JsonObject tooMuch = new JsonObject().put("from_address", h.address())
          .put("to_address", "0x52908400098527886E0F7030069857D2E4169EE7").put("chain", "ethereum")
          .put("token_symbol", "USDT").put("amount", "1000000");
      assertError(api.postJson(h.token(), "/api/v1/transfer", tooMuch), 400, "insufficient_balance", "business_error");
      assertError(api.postJson(h.token(), "/api/v1/transfer", tooMuch.copy().put("amount", "1")
          .put("to_address", "0x52908400098527886e0F7030069857D2E4169EE7")), 400, "invalid_address", "business_error");
      assertError(api.postJson(h.token(), "/api/v1/transfer", tooMuch.copy().put("amount", "1")
          .put("token_symbol", "USDC")), 404, "not_found", "not_found_error");
    }
  }

  @Nested
  @DisplayName("edges")
  class Edges {
    @Test
    @DisplayName("unknown routes, wrong methods, missing auth, oversized bodies: the error body; probes: their schema")
    void edges() {
      assertError(api.send("GET", "/api/v1/nope", Map.of()), 404, "not_found", "not_found_error");
      assertError(api.send("DELETE", "/api/v1/assets", Map.of("Authorization", "Bearer " + token)), 405,
          "method_not_allowed", "invalid_request_error");
      assertError(api.send("GET", "/api/v1/wallets", Map.of()), 401, "unauthorized", "authentication_error");
      assertError(api.post("/api/v1/wallets", Map.of("Authorization", "Bearer " + token),
          "{\"wallet_name\": \"" + "x".repeat(70_000) + "\"}"), 413, "payload_too_large", "invalid_request_error");
      assertConforms("health", api.send("GET", "/health", Map.of()));
      for (String path : List.of("/api/v1/wallets/", "/api/v1/accounts/", "/api/v1/assets/", "/api/v1/wallets",
          "/api/v1/assets")) {
        int status = api.get(token, path).status();
        assertTrue(status < 300 || status >= 400, () -> path + " never redirects: " + status);
      }
    }
  }
}
