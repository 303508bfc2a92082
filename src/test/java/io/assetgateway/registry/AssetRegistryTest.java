package io.assetgateway.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Asset registry (conf/asset-registry.json)")
class AssetRegistryTest {
  static final AssetRegistry REGISTRY = AssetRegistry.load(Optional.empty());

  /** Every row of shared/spec/registry-facts.md, typed in again by hand: the file must match it exactly. */
  static final List<String> FACTS = List.of(
      "ethereum|USDT|Tether USD|0xdAC17F958D2ee523a2206206994597C13D831ec7|6|ERC20",
      "ethereum|USDC|USD Coin|0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48|6|ERC20",
      "bsc|USDT|Tether USD|0x55d398326f99059fF775485246999027B3197955|18|BEP20",
      "bsc|USDC|USD Coin|0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d|18|BEP20",
      "polygon|USDT|Tether USD|0xc2132D05D31c914a87C6611C10748AEb04B58e8F|6|ERC20",
      "polygon|USDC|USD Coin|0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359|6|ERC20",
      "arbitrum|USDT|Tether USD|0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9|6|ERC20",
      "arbitrum|USDC|USD Coin|0xaf88d065e77c8cC2239327C5EDb3A432268e5831|6|ERC20",
      "optimism|USDT|Tether USD|0x01bFF41798a0BcF287b996046Ca68b395DbC1071|6|ERC20",
      "optimism|USDC|USD Coin|0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85|6|ERC20",
      "avalanche|USDT|Tether USD|0x9702230A8Ea53601f5cD2dc00fDBc13d4dF4A8c7|6|ERC20",
      "avalanche|USDC|USD Coin|0xB97EF9Ef8734C71904D8002F8b6Bc66Dd9c48a6E|6|ERC20",
      "base|USDC|USD Coin|0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913|6|ERC20",
      "tron|USDT|Tether USD|TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t|6|TRC20",
      "ethereum|ETH|Ethereum|0x|18|NATIVE",
      "arbitrum|ETH|Ethereum|0x|18|NATIVE",
      "optimism|ETH|Ethereum|0x|18|NATIVE",
      "base|ETH|Ethereum|0x|18|NATIVE",
      "bsc|BNB|BNB|0x|18|NATIVE",
      "polygon|MATIC|Polygon|0x|18|NATIVE",
      "tron|TRX|TRON|0x|6|NATIVE",
      "bitcoin|BTC|Bitcoin|0x|8|NATIVE",
      "solana|SOL|Solana|0x|9|NATIVE");

  @Test
  @DisplayName("offers exactly the (chain, symbol) pairs of registry-facts.md, each with its facts")
  void pinsEveryRow() {
    List<String> actual = REGISTRY.entries().stream()
        .map(e -> String.join("|", e.chain(), e.symbol(), e.name(), String.valueOf(e.contractAddress()),
            String.valueOf(e.decimals()), e.assetType()))
        .sorted().collect(Collectors.toList());
    assertEquals(FACTS.stream().sorted().toList(), actual);
    REGISTRY.entries().forEach(e -> assertEquals("mainnet", e.network()));
  }

  @Test
  @DisplayName("enables the ten documented chains with their families")
  void chains() {
    Map<String, ChainFamily> expected = Map.of("ethereum", ChainFamily.EVM, "bsc", ChainFamily.EVM,
        "polygon", ChainFamily.EVM, "arbitrum", ChainFamily.EVM, "optimism", ChainFamily.EVM,
        "avalanche", ChainFamily.EVM, "base", ChainFamily.EVM, "tron", ChainFamily.TRON,
        "bitcoin", ChainFamily.BITCOIN, "solana", ChainFamily.SOLANA);
    assertEquals(expected, REGISTRY.chains().values().stream()
        .collect(Collectors.toMap(Chain::name, Chain::family)));
  }

  @Test
  @DisplayName("each chain's required confirmations and EVM chain id, as registry-facts.md lists them")
  void confirmationsAndChainIds() {
    Map<String, String> expected = Map.ofEntries(Map.entry("ethereum", "12 1"), Map.entry("bsc", "15 56"),
        Map.entry("polygon", "12 137"), Map.entry("arbitrum", "12 42161"), Map.entry("optimism", "12 10"),
        Map.entry("avalanche", "12 43114"), Map.entry("base", "12 8453"), Map.entry("tron", "19 null"),
        Map.entry("bitcoin", "1 null"), Map.entry("solana", "0 null"));
    assertEquals(expected, REGISTRY.chains().values().stream()
        .collect(Collectors.toMap(Chain::name, c -> c.confirmations() + " " + c.chainId())));
    JsonObject noChainId = bundledJson();
    noChainId.getJsonArray("chains").getJsonObject(0).remove("chain_id");
    RegistryException e = assertThrows(RegistryException.class, () -> AssetRegistry.parse(noChainId.encode(), "t.json"));
    assertTrue(e.getMessage().contains("chain_id"), e::getMessage);
    JsonObject badConfirmations = bundledJson();
    badConfirmations.getJsonArray("chains").getJsonObject(7).put("confirmations", -1);
    assertThrows(RegistryException.class, () -> AssetRegistry.parse(badConfirmations.encode(), "t.json"));
    JsonObject tronChainId = bundledJson();
    tronChainId.getJsonArray("chains").getJsonObject(7).put("chain_id", 1);
    assertThrows(RegistryException.class, () -> AssetRegistry.parse(tronChainId.encode(), "t.json"));
  }

  @ParameterizedTest(name = "{0} account, {1}, chain {2} -> {3}")
  @CsvSource(nullValues = "NULL", value = {
      "bsc,      USDT, ethereum, ethereum",
      "ethereum, ETH,  base,     base",
      "ethereum, USDT, NULL,     REFUSED",
      "ethereum, USDT, tron,     REFUSED",
      "ethereum, BNB,  ethereum, REFUSED",
      "tron,     USDT, NULL,     tron",
      "tron,     TRX,  tron,     tron",
      "tron,     USDT, ethereum, REFUSED",
      "tron,     USDC, NULL,     REFUSED",
      "bitcoin,  BTC,  NULL,     bitcoin",
      "solana,   SOL,  solana,   solana",
      "solana,   USDT, NULL,     REFUSED"})
  void chainRules(String accountChain, String symbol, String requested, String expected) {
    AssetRegistry.Resolution r = REGISTRY.resolve(accountChain, symbol, requested);
    if (expected.equals("REFUSED")) {
      assertNull(r.entry());
      assertTrue(r.refusal() != null && !r.refusal().isBlank());
    } else {
      assertEquals(expected, r.entry().chain());
      assertEquals(symbol, r.entry().symbol());
    }
  }

  @Test
  @DisplayName("candidates agree with resolve for every account chain, symbol and requested chain")
  void candidatesAgreeWithResolve() {
    java.util.List<String> requested = new java.util.ArrayList<>(REGISTRY.chains().keySet());
    requested.add(null);
    for (String symbol : AssetRegistry.API_SYMBOLS) {
      for (String chain : requested) {
        Map<String, RegistryEntry> candidates = REGISTRY.candidates(symbol, chain);
        for (String accountChain : REGISTRY.chains().keySet()) {
          assertEquals(REGISTRY.resolve(accountChain, symbol, chain).entry(), candidates.get(accountChain));
        }
      }
    }
  }

  static JsonObject bundledJson() {
    return new JsonObject(io.vertx.core.json.Json.encode(new JsonObject(readBundled())));
  }

  static String readBundled() {
    try (var in = AssetRegistryTest.class.getClassLoader().getResourceAsStream("conf/asset-registry.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String breakAsset(int index, Consumer<JsonObject> change) {
    JsonObject json = bundledJson();
    change.accept(json.getJsonArray("assets").getJsonObject(index));
    return json.encode();
  }

  static int indexOf(String chain, String symbol) {
    JsonArray assets = bundledJson().getJsonArray("assets");
    for (int i = 0; i < assets.size(); i++) {
      if (assets.getJsonObject(i).getString("chain").equals(chain) && assets.getJsonObject(i).getString("symbol").equals(symbol)) {
        return i;
      }
    }
    throw new IllegalArgumentException(chain + " " + symbol);
  }

  @Test
  @DisplayName("a malformed entry stops loading with a message naming it")
  void rejectsMalformedEntries() {
    int usdt = indexOf("ethereum", "USDT");
    Map<String, String> broken = Map.of(
        "EIP-55", breakAsset(usdt, a -> a.put("contract_address", "0xdac17f958d2ee523a2206206994597c13d831ec7")),
        "base58check", breakAsset(indexOf("tron", "USDT"), a -> a.put("contract_address", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u")),
        "decimals", breakAsset(usdt, a -> a.put("decimals", "6")),
        "asset_type", breakAsset(usdt, a -> a.put("asset_type", "BEP20")),
        "symbol", breakAsset(usdt, a -> a.put("symbol", "DOGE")),
        "not in the chains list", breakAsset(usdt, a -> a.put("chain", "fantom")),
        "NATIVE", breakAsset(indexOf("bitcoin", "BTC"), a -> a.put("contract_address", "")),
        "contract_address is required", breakAsset(usdt, a -> a.remove("contract_address")));
    broken.forEach((expected, json) -> {
      RegistryException e = assertThrows(RegistryException.class, () -> AssetRegistry.parse(json, "test.json"));
      assertTrue(e.getMessage().contains(expected), () -> expected + " not in: " + e.getMessage());
      assertTrue(e.getMessage().startsWith("test.json: "), e::getMessage);
    });
    JsonObject dup = bundledJson();
    dup.getJsonArray("assets").add(dup.getJsonArray("assets").getJsonObject(0).copy());
    assertThrows(RegistryException.class, () -> AssetRegistry.parse(dup.encode(), "dup.json"));
    assertThrows(RegistryException.class, () -> AssetRegistry.parse("{not json", "bad.json"));
  }

  @Test
  @DisplayName("an operator's file on disk replaces the bundled one")
  void loadsOperatorFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    JsonObject json = bundledJson();
    json.getJsonArray("assets").remove(indexOf("base", "USDC"));
    java.nio.file.Path file = dir.resolve("registry.json");
    java.nio.file.Files.writeString(file, json.encode());
    AssetRegistry custom = AssetRegistry.load(Optional.of(file));
    assertTrue(custom.entry("base", "USDC").isEmpty());
    assertTrue(REGISTRY.entry("base", "USDC").isPresent());
  }
}
