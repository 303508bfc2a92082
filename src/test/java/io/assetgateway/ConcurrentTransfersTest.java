package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Money;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Concurrent transfers")
class ConcurrentTransfersTest {

  @Test
  @DisplayName("100 concurrent transfers of 1 from an asset funded with 50: exactly 50 PENDING, 50 insufficient_balance; the ledger agrees")
  void hundredAgainstFifty() {
    Api api = new Api(TestGateway.shared().port());
    Fixtures fx = Fixtures.get();
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    String accountId = fx.account(client.clientId(), "arbitrum", ChainFamily.EVM);
    String address = api.get(token, "/api/v1/accounts/" + accountId).json().getString("address");
    String assetId = api.addAsset(token, new JsonObject().put("account_id", accountId).put("symbol", "USDC")
        .put("chain", "arbitrum")).json().getString("asset_id");
    Money.awaitStatus(api, token, Money.deposit("arbitrum", address, "USDC", "50").getString("tx_id"), "CONFIRMED");

    List<Api.Reply> replies = api.postConcurrently(token, "/api/v1/transfer", new JsonObject()
        .put("from_address", address).put("to_address", TransferTest.OUTSIDE).put("chain", "arbitrum")
        .put("token_symbol", "USDC").put("amount", "1"), 100);
    Map<String, Integer> outcomes = new TreeMap<>();
    for (Api.Reply r : replies) {
      String outcome = r.status() + " " + (r.status() == 200 ? r.json().getString("status") : r.code());
      outcomes.merge(outcome, 1, Integer::sum);
    }
    assertEquals(Map.of("200 PENDING", 50, "400 insufficient_balance", 50), outcomes);
    JsonObject locked = Money.asset(api, token, assetId);
    assertEquals("0", locked.getString("balance"));
    assertEquals("50", locked.getString("locked_balance"));

    replies.stream().filter(r -> r.status() == 200).forEach(r ->
        Money.awaitStatus(api, token, r.json().getString("tx_id"), "CONFIRMED"));
    JsonObject settled = Money.asset(api, token, assetId);
    assertEquals("0", settled.getString("balance"));
    assertEquals("0", settled.getString("locked_balance"));
    assertEquals(51, fx.count("SELECT count(*) FROM transactions WHERE asset_id = $1", assetId));
    assertEquals(101, fx.count("SELECT count(*) FROM ledger_entries WHERE asset_id = $1", assetId),
        "one credit, and a lock and a settlement for each of the 50 transfers");
    assertEquals(50, fx.count("SELECT count(DISTINCT nonce) FROM transactions WHERE asset_id = $1"
        + " AND direction = 'OUTBOUND'", assetId), "every transfer signed with its own nonce");
    Money.verifyLedger();
  }
}
