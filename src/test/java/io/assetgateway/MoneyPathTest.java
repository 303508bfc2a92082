package io.assetgateway;

import static io.assetgateway.OpenApiTest.assertConforms;
import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Money;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The money path: deposit, balance, transfer, settle")
class MoneyPathTest {
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
  }

  static Money.Holder holder(String accountChain, String assetChain, String symbol) {
    return Money.holder(api, fx, accountChain, assetChain, symbol);
  }

  @Test
  @DisplayName("a deposit is CONFIRMING, credited only at CONFIRMED; a transfer locks, settles, and the ledger agrees")
  void depositThenTransfer() {
    Money.Holder h = holder("ethereum", "ethereum", "USDT");
    JsonObject deposit = Money.deposit("ethereum", h.address(), "USDT", "250.5");
    assertConforms("transaction", deposit);
    assertEquals("CONFIRMING", deposit.getString("status"));
    assertEquals("INBOUND", deposit.getString("direction"));
    assertEquals("INBOUND", deposit.getString("transaction_type"));
    assertEquals(h.accountId(), deposit.getString("account_id"));
    assertEquals(h.walletId(), deposit.getString("wallet_id"));
    assertEquals(h.client().clientId(), deposit.getString("client_id"));
    assertEquals(h.address(), deposit.getString("to_address"));
    assertEquals("250.5", deposit.getString("amount"));
    assertTrue(deposit.getString("tx_id").matches("tx_[0-9A-Z]{26}"));
    assertTrue(deposit.getString("tx_hash").matches("0x[0-9a-f]{64}"), deposit::encode);
    assertEquals("0", Money.asset(api, h.token(), h.assetId()).getString("balance"), "not credited before CONFIRMED");

    List<String> seen = Money.awaitStatus(api, h.token(), deposit.getString("tx_id"), "CONFIRMED");
    assertEquals(List.of("CONFIRMING", "CONFIRMED"), seen.subList(Math.max(0, seen.size() - 2), seen.size()));
    JsonObject confirmed = api.get(h.token(), "/api/v1/transactions/" + deposit.getString("tx_id")).json();
    assertConforms("transaction", confirmed);
    assertEquals(12, confirmed.getInteger("confirmations"), "ethereum's required confirmations");
    assertTrue(confirmed.getLong("block_number") > 0);
    assertTrue(fx.count("SELECT height FROM sandbox_chains WHERE chain = 'ethereum'")
        >= confirmed.getLong("block_number") + 11, "confirmed only once 11 more blocks followed its own");
    JsonObject funded = Money.asset(api, h.token(), h.assetId());
    assertEquals("250.5", funded.getString("balance"));
    assertEquals("0", funded.getString("locked_balance"));

    String outside = "0x52908400098527886E0F7030069857D2E4169EE7"; // EIP-55's own example
    Api.Reply transfer = api.postJson(h.token(), "/api/v1/transfer", new JsonObject()
        .put("from_address", h.address()).put("to_address", outside).put("chain", "ethereum")
        .put("token_symbol", "USDT").put("amount", "100.25").put("memo", "invoice 7"));
    assertEquals(200, transfer.status(), transfer::toString);
    assertConforms("transfer-result", transfer.json());
    assertEquals(Set.of("tx_id", "status", "message"), transfer.json().fieldNames());
    assertEquals("PENDING", transfer.json().getString("status"));
    assertEquals("Transfer initiated successfully.", transfer.json().getString("message"));
    String txId = transfer.json().getString("tx_id");
    JsonObject locked = Money.asset(api, h.token(), h.assetId());
    assertEquals("150.25", locked.getString("balance"), "the amount leaves the balance at once");
    assertEquals("100.25", locked.getString("locked_balance"), "and is locked");

    List<String> path = Money.awaitStatus(api, h.token(), txId, "CONFIRMED");
    List<String> order = List.of("PENDING", "SIGNED", "BROADCAST", "CONFIRMING", "CONFIRMED");
    int last = -1;
    for (String status : path) {
      assertTrue(order.indexOf(status) > last, () -> "statuses only move forward: " + path);
      last = order.indexOf(status);
    }
    JsonObject sent = api.get(h.token(), "/api/v1/transactions/" + txId).json();
    assertConforms("transaction", sent);
    assertEquals("OUTBOUND", sent.getString("direction"));
    assertEquals(h.address(), sent.getString("from_address"));
    assertEquals(outside, sent.getString("to_address"));
    assertEquals("100.25", sent.getString("amount"));
    assertTrue(sent.getString("tx_hash").matches("0x[0-9a-f]{64}"), sent::encode);
    JsonObject settled = Money.asset(api, h.token(), h.assetId());
    assertEquals("150.25", settled.getString("balance"));
    assertEquals("0", settled.getString("locked_balance"), "the locked amount left at CONFIRMED");

    JsonObject page = api.get(h.token(), "/api/v1/transactions?account_id=" + h.accountId()).json();
    assertEquals(2, page.getLong("total"));
    JsonArray data = page.getJsonArray("data");
    assertEquals(txId, data.getJsonObject(0).getString("tx_id"), "newest first");
    assertEquals(deposit.getString("tx_id"), data.getJsonObject(1).getString("tx_id"));
    data.forEach(t -> assertConforms("transaction", (JsonObject) t));
    assertEquals(JsonObject.of("consistent", true).getBoolean("consistent"),
        Money.verifyLedger().getBoolean("consistent"));
  }

  @Test
  @DisplayName("another client's transaction is 404 like a missing one, and lists show only the caller's")
  void tenantIsolation() {
    Money.Holder h = holder("tron", null, "TRX");
    JsonObject deposit = Money.deposit("tron", h.address(), "TRX", "5");
    String other = api.bearer(fx.client());
    assertError(api.get(other, "/api/v1/transactions/" + deposit.getString("tx_id")), 404, "not_found",
        "not_found_error");
    assertError(api.get(other, "/api/v1/transactions/tx_01ARZ3NDEKTSV4RRFFQ69G5FAV"), 404, "not_found",
        "not_found_error");
    assertEquals(0, api.get(other, "/api/v1/transactions").json().getLong("total"));
    assertEquals("Missing transaction ID", assertError(api.get(other, "/api/v1/transactions/"), 400,
        "invalid_parameter", "invalid_request_error").getString("message"), "get_transaction(\"\") is not the list");
    assertEquals(1, api.get(h.token(), "/api/v1/transactions?chain=tron").json().getLong("total"));
    assertEquals(0, api.get(h.token(), "/api/v1/transactions?chain=ethereum").json().getLong("total"));
    assertEquals(1, api.get(h.token(), "/api/v1/transactions?wallet_id=" + h.walletId()).json().getLong("total"));
  }
}
