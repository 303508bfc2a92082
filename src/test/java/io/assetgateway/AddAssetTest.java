package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("POST /api/v1/assets")
class AddAssetTest {
  private static final Set<String> RESPONSE_KEYS = Set.of("asset_id", "account_id", "wallet_id", "client_id", "chain",
      "network", "symbol", "name", "contract_address", "decimals", "asset_type", "balance", "locked_balance",
      "is_active", "created_at");

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

  static String account(String chain) {
    ChainFamily family = switch (chain) {
      case "tron" -> ChainFamily.TRON;
      case "bitcoin" -> ChainFamily.BITCOIN;
      case "solana" -> ChainFamily.SOLANA;
      default -> ChainFamily.EVM;
    };
    return fx.account(client.clientId(), chain, family);
  }

  static JsonObject body(String accountId, String symbol, String chain) {
    JsonObject b = new JsonObject().put("account_id", accountId).put("symbol", symbol);
    return chain == null ? b : b.put("chain", chain);
  }

  @Nested
  @DisplayName("resolves and stores the full documented shape")
  class Success {
    @ParameterizedTest(name = "{1} on {2} from a {0} account -> {6}")
    @CsvSource(nullValues = "NULL", value = {
        "ethereum, USDT,  ethereum, Tether USD, 0xdAC17F958D2ee523a2206206994597C13D831ec7, 6,  ERC20",
        "bsc,      USDT,  bsc,      Tether USD, 0x55d398326f99059fF775485246999027B3197955, 18, BEP20",
        "tron,     USDT,  NULL,     Tether USD, TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t,         6,  TRC20",
        "arbitrum, ETH,   arbitrum, Ethereum,   0x,                                         18, NATIVE",
        "polygon,  MATIC, polygon,  Polygon,    0x,                                         18, NATIVE",
        "bitcoin,  BTC,   NULL,     Bitcoin,    0x,                                         8,  NATIVE",
        "solana,   SOL,   NULL,     Solana,     0x,                                         9,  NATIVE",
        "tron,     TRX,   tron,     TRON,       0x,                                         6,  NATIVE",
        "base,     USDC,  base,     USD Coin,   0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913, 6,  ERC20"})
    void resolvesRegistryEntry(String accountChain, String symbol, String chain, String name, String contract,
        int decimals, String type) {
      String accountId = account(accountChain);
      Instant before = Instant.now().minusSeconds(2);
      Api.Reply reply = api.addAsset(token, body(accountId, symbol, chain));

      assertEquals(200, reply.status(), reply::toString);
      assertTrue(reply.contentType().startsWith("application/json"));
      JsonObject a = reply.json();
      assertEquals(RESPONSE_KEYS, a.fieldNames(), "every documented key, always present");
      assertTrue(a.getString("asset_id").matches("ast_[0-9A-HJKMNP-TV-Z]{26}"), a::encode);
      assertEquals(accountId, a.getString("account_id"));
      assertTrue(a.getString("wallet_id").startsWith("wal_"));
      assertEquals(client.clientId(), a.getString("client_id"));
      assertEquals(chain == null ? accountChain : chain, a.getString("chain"));
      assertEquals("mainnet", a.getString("network"));
      assertEquals(symbol, a.getString("symbol"));
      assertEquals(name, a.getString("name"));
      assertTrue(a.containsKey("contract_address"));
      assertEquals(contract, a.getString("contract_address"));
      assertEquals(decimals, a.getInteger("decimals"));
      assertEquals(type, a.getString("asset_type"));
      assertEquals("0", a.getString("balance"));
      assertEquals("0", a.getString("locked_balance"));
      assertEquals(Boolean.TRUE, a.getBoolean("is_active"));
      String createdAt = a.getString("created_at");
      assertTrue(createdAt.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), createdAt);
      assertTrue(!Instant.parse(createdAt).isBefore(before) && !Instant.parse(createdAt).isAfter(Instant.now()));

      Row row = fx.assetRow(a.getString("asset_id"));
      assertEquals(accountId, row.getString("account_id"));
      assertEquals(a.getString("chain"), row.getString("chain"));
      assertEquals(contract, row.getString("contract_address"));
      assertEquals(decimals, row.getInteger("decimals"));
      assertEquals("0", row.getString("balance_text"));
    }

    @Test
    @DisplayName("an EVM account takes assets on any EVM chain, each chain separately")
    void evmAccountAddsOnOtherEvmChains() {
      String accountId = account("bsc");
      Api.Reply onEthereum = api.addAsset(token, body(accountId, "USDT", "ethereum"));
      Api.Reply onBsc = api.addAsset(token, body(accountId, "USDT", "bsc"));
      assertEquals(200, onEthereum.status(), onEthereum::toString);
      assertEquals(200, onBsc.status(), onBsc::toString);
      assertEquals(6, onEthereum.json().getInteger("decimals"));
      assertEquals(18, onBsc.json().getInteger("decimals"));
      assertEquals(2, fx.countAssets(accountId));
    }

    @Test
    @DisplayName("a non-EVM account may repeat its own chain, or send null or \"\" for it; unknown fields are ignored")
    void nonEvmAccountChainVariants() {
      String accountId = account("tron");
      assertEquals(200, api.addAsset(token, body(accountId, "TRX", "tron")).status());
      Api.Reply withNull = api.addAsset(token, new JsonObject().put("account_id", accountId).put("symbol", "USDT")
          .putNull("chain").put("memo", "ignored"));
      assertEquals(200, withNull.status(), withNull::toString);
      assertEquals("tron", withNull.json().getString("chain"));
      String bitcoin = account("bitcoin");
      Api.Reply withEmpty = api.addAsset(token, body(bitcoin, "BTC", ""));
      assertEquals(200, withEmpty.status(), withEmpty::toString);
      assertEquals("0x", withEmpty.json().getString("contract_address"), "\"0x\" for every native coin, never null");
    }
  }

  @Nested
  @DisplayName("answers every documented error, and writes nothing")
  class Errors {
    @Test
    @DisplayName("unsupported symbol is 400 invalid_parameter naming symbol")
    void unsupportedSymbol() {
      String accountId = account("ethereum");
      for (String symbol : new String[] {"usdt", "DOGE", "", "AVAX"}) {
        JsonObject e = assertError(api.addAsset(token, body(accountId, symbol, "ethereum")), 400, "invalid_parameter",
            "invalid_request_error");
        assertTrue(e.getString("message").contains("symbol"), e::encode);
      }
      assertEquals(0, fx.countAssets(accountId));
    }

    @Test
    @DisplayName("a symbol the chain does not offer is 400 invalid_parameter")
    void symbolNotOfferedOnChain() {
      String evm = account("ethereum");
      assertError(api.addAsset(token, body(evm, "BNB", "ethereum")), 400, "invalid_parameter", "invalid_request_error");
      assertError(api.addAsset(token, body(evm, "BTC", "ethereum")), 400, "invalid_parameter", "invalid_request_error");
      assertError(api.addAsset(token, body(evm, "USDT", "base")), 400, "invalid_parameter", "invalid_request_error");
      String tron = account("tron");
      assertError(api.addAsset(token, body(tron, "USDC", null)), 400, "invalid_parameter", "invalid_request_error");
      assertEquals(0, fx.countAssets(evm) + fx.countAssets(tron));
    }

    @Test
    @DisplayName("missing, mistyped, empty or over-long fields are 400 invalid_parameter naming the field")
    void badFields() {
      String accountId = account("ethereum");
      Map<JsonObject, String> cases = Map.of(
          new JsonObject().put("symbol", "ETH").put("chain", "ethereum"), "account_id",
          new JsonObject().put("account_id", accountId).put("chain", "ethereum"), "symbol",
          new JsonObject().put("account_id", 42).put("symbol", "ETH"), "account_id",
          new JsonObject().put("account_id", "").put("symbol", "ETH"), "account_id",
          new JsonObject().put("account_id", "a".repeat(37)).put("symbol", "ETH"), "account_id",
          new JsonObject().put("account_id", accountId).put("symbol", "ETH").put("chain", 1), "chain",
          new JsonObject().put("account_id", accountId).put("symbol", "ETH").put("chain", "c".repeat(33)), "chain",
          new JsonObject().put("account_id", accountId).put("symbol", "ETH").put("chain", "ETHEREUM"), "chain",
          new JsonObject().put("account_id", "acc\u0000x").put("symbol", "ETH").put("chain", "ethereum"), "account_id");
      cases.forEach((b, field) -> {
        JsonObject e = assertError(api.addAsset(token, b), 400, "invalid_parameter", "invalid_request_error");
        assertTrue(e.getString("message").startsWith(field), () -> b.encode() + " -> " + e.encode());
      });
      assertEquals(0, fx.countAssets(accountId));
    }

    @Test
    @DisplayName("a body that is not a JSON object is 400 bad_request")
    void notJsonObject() {
      for (String raw : new String[] {"{bad", "[1,2]", "\"text\"", "42", "null", "", "{\"account_id\":"}) {
        assertError(api.post("/api/v1/assets", Map.of("Authorization", "Bearer " + token), raw), 400, "bad_request",
            "invalid_request_error");
      }
    }

    @Test
    @DisplayName("an unknown account is 404 not_found")
    void unknownAccount() {
      assertError(api.addAsset(token, body("acc_01JD3Q0000000000000000000", "USDT", "ethereum")), 404, "not_found",
          "not_found_error");
    }

    @Test
    @DisplayName("adding the same (account, chain, symbol) twice is 400 asset_already_exists")
    void duplicate() {
      String accountId = account("ethereum");
      assertEquals(200, api.addAsset(token, body(accountId, "USDC", "ethereum")).status());
      assertError(api.addAsset(token, body(accountId, "USDC", "ethereum")), 400, "asset_already_exists",
          "business_error");
      assertEquals(1, fx.countAssets(accountId));
    }

    @Test
    @DisplayName("an INACTIVE account is 400 account_not_active")
    void inactiveAccount() {
      String accountId = account("ethereum");
      fx.setAccountStatus(accountId, "INACTIVE");
      assertError(api.addAsset(token, body(accountId, "USDT", "ethereum")), 400, "account_not_active",
          "business_error");
      assertEquals(0, fx.countAssets(accountId));
    }

    @Test
    @DisplayName("chain rules: EVM accounts need an EVM chain; non-EVM accounts take none or their own")
    void chainRules() {
      String evm = account("polygon");
      JsonObject missing = assertError(api.addAsset(token, body(evm, "USDT", null)), 400, "invalid_parameter",
          "invalid_request_error");
      assertTrue(missing.getString("message").contains("chain"));
      assertError(api.addAsset(token, body(evm, "USDT", "tron")), 400, "invalid_parameter", "invalid_request_error");
      assertError(api.addAsset(token, body(evm, "BTC", "bitcoin")), 400, "invalid_parameter", "invalid_request_error");
      String tron = account("tron");
      assertError(api.addAsset(token, body(tron, "USDT", "ethereum")), 400, "invalid_parameter", "invalid_request_error");
      String solana = account("solana");
      assertError(api.addAsset(token, body(solana, "SOL", "bitcoin")), 400, "invalid_parameter", "invalid_request_error");
      assertEquals(0, fx.countAssets(evm) + fx.countAssets(tron) + fx.countAssets(solana));
    }

    @Test
    @DisplayName("errors come in the published order: shape, then 404, then account_not_active, then chain rules, then duplicate")
    void errorOrder() {
      // shape beats not-found
      assertError(api.addAsset(token, body("acc_missing", "DOGE", null)), 400, "invalid_parameter", "invalid_request_error");
      // not-found beats chain rules
      assertError(api.addAsset(token, body("acc_missing", "BNB", "ethereum")), 404, "not_found", "not_found_error");
      // account_not_active beats chain rules
      String inactive = account("ethereum");
      fx.setAccountStatus(inactive, "INACTIVE");
      assertError(api.addAsset(token, body(inactive, "BTC", null)), 400, "account_not_active", "business_error");
      // chain rules beat duplicate: the asset exists, but the request also breaks a chain rule
      String tron = account("tron");
      assertEquals(200, api.addAsset(token, body(tron, "USDT", null)).status());
      assertError(api.addAsset(token, body(tron, "USDT", "bsc")), 400, "invalid_parameter", "invalid_request_error");
    }

    @Test
    @DisplayName("another client's account answers exactly like a missing one, and is not touched")
    void tenantIsolation() {
      Fixtures.TestClient other = fx.client("Other Corp", 10, java.util.List.of());
      String theirs = fx.account(other.clientId(), "ethereum", ChainFamily.EVM);
      Api.Reply reply = api.addAsset(token, body(theirs, "USDT", "ethereum"));
      Api.Reply missing = api.addAsset(token, body("acc_01JD3Q0000000000000000000", "USDT", "ethereum"));
      assertError(reply, 404, "not_found", "not_found_error");
      assertEquals(missing.body(), reply.body(), "no difference that would leak existence");
      fx.setAccountStatus(theirs, "INACTIVE");
      assertError(api.addAsset(token, body(theirs, "USDT", "ethereum")), 404, "not_found", "not_found_error");
      assertEquals(0, fx.countAssets(theirs));
    }
  }
}
