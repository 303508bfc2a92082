package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An asset is one on-chain balance: (chain, address, symbol) is held by one asset")
class OneBalancePerAddressTest {
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
  }

  /** Two accounts of one wallet at the same index on two EVM chains: the same address. */
  static String[] twins(String token) throws InterruptedException {
    String walletId = api.postJson(token, "/api/v1/wallets", new JsonObject().put("wallet_name", "twins")).json()
        .getString("wallet_id");
    for (int i = 0; i < 200 && !"ACTIVE".equals(api.get(token, "/api/v1/wallets/" + walletId).json()
        .getString("status")); i++) {
      Thread.sleep(25);
    }
    JsonObject onEthereum = api.postJson(token, "/api/v1/accounts",
        new JsonObject().put("wallet_id", walletId).put("chain", "ethereum")).json();
    JsonObject onBsc = api.postJson(token, "/api/v1/accounts",
        new JsonObject().put("wallet_id", walletId).put("chain", "bsc")).json();
    assertEquals(onEthereum.getString("address"), onBsc.getString("address"));
    return new String[] {onEthereum.getString("account_id"), onBsc.getString("account_id")};
  }

  @Test
  @DisplayName("the second account with the same address gets asset_already_exists naming the account that holds it")
  void secondAccountRefused() throws Exception {
    String token = api.bearer(fx.client());
    String[] twins = twins(token);
    JsonObject usdt = new JsonObject().put("symbol", "USDT").put("chain", "ethereum");
    assertEquals(200, api.addAsset(token, usdt.copy().put("account_id", twins[0])).status());
    JsonObject error = assertError(api.addAsset(token, usdt.copy().put("account_id", twins[1])), 400,
        "asset_already_exists", "business_error");
    assertEquals("Asset USDT on ethereum is already held by account " + twins[0] + ", which has the same address",
        error.getString("message"));
    assertEquals("Asset USDT on ethereum is already added to this account",
        assertError(api.addAsset(token, usdt.copy().put("account_id", twins[0])), 400, "asset_already_exists",
            "business_error").getString("message"));
    assertEquals(200, api.addAsset(token, new JsonObject().put("account_id", twins[1]).put("symbol", "USDT")
        .put("chain", "bsc")).status(), "the same symbol on another chain is another balance");
    assertEquals(1, fx.countAssets(twins[1]));
  }

  @Test
  @DisplayName("concurrent adds of one balance through both accounts: exactly one 200")
  void concurrentTwins() throws Exception {
    String token = api.bearer(fx.client());
    String[] twins = twins(token);
    List<java.util.concurrent.CompletableFuture<Api.Reply>> replies = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String account = twins[i % 2];
      replies.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> api.addAsset(token,
          new JsonObject().put("account_id", account).put("symbol", "ETH").put("chain", "base"))));
    }
    long ok = replies.stream().map(java.util.concurrent.CompletableFuture::join).filter(r -> r.status() == 200).count();
    long refused = replies.stream().map(java.util.concurrent.CompletableFuture::join)
        .filter(r -> "asset_already_exists".equals(r.code())).count();
    assertEquals(1, ok);
    assertEquals(15, refused);
    assertEquals(1, fx.count("SELECT count(*) FROM assets WHERE account_id = ANY($1) AND chain = 'base'",
        (Object) twins));
  }
}
