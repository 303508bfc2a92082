package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.ChainFreeze;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Money;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The sandbox chain: simulate deposit, simulate fail, blocks and confirmations")
class SandboxChainTest {
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
  }

  record Holder(String token, String accountId, String address, String assetId) {}

  static Holder holder(String chain, ChainFamily family, String symbol) {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    String accountId = fx.account(client.clientId(), chain, family);
    String address = api.get(token, "/api/v1/accounts/" + accountId).json().getString("address");
    JsonObject body = new JsonObject().put("account_id", accountId).put("symbol", symbol);
    if (family == ChainFamily.EVM) {
      body.put("chain", chain);
    }
    Api.Reply asset = api.addAsset(token, body);
    assertEquals(200, asset.status(), asset::toString);
    return new Holder(token, accountId, address, asset.json().getString("asset_id"));
  }

  @Test
  @DisplayName("simulate deposit is refused with one clear line when no asset of this server matches")
  void depositRefusals() {
    Holder h = holder("tron", ChainFamily.TRON, "TRX");
    Money.Run noAsset = Money.cli("simulate", "deposit", "--chain", "tron", "--to", h.address(), "--symbol", "USDT",
        "--amount", "5");
    assertEquals(2, noAsset.exit());
    assertEquals("", noAsset.out());
    assertTrue(noAsset.err().contains("no asset of this server is USDT on tron at " + h.address()), noAsset.err());
    assertEquals(1, noAsset.err().strip().lines().count(), "one line");
    for (String[] bad : new String[][] {
        {"--chain", "tron", "--to", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", "--symbol", "TRX", "--amount", "5"},
        {"--chain", "nochain", "--to", h.address(), "--symbol", "TRX", "--amount", "5"},
        {"--chain", "tron", "--to", h.address(), "--symbol", "TRX", "--amount", "-5"},
        {"--chain", "tron", "--to", h.address(), "--symbol", "TRX", "--amount", "1e3"},
        {"--chain", "tron", "--to", h.address(), "--symbol", "TRX", "--amount", "0.0000001"},
        {"--chain", "tron", "--to", h.address(), "--symbol", "TRX", "--amount", "5", "--from", "0xabc"}}) {
      String[] args = new String[bad.length + 2];
      args[0] = "simulate";
      args[1] = "deposit";
      System.arraycopy(bad, 0, args, 2, bad.length);
      Money.Run run = Money.cli(args);
      assertEquals(2, run.exit(), () -> String.join(" ", bad) + ": " + run.err());
      assertTrue(run.err().startsWith("asset-gateway: "), run.err());
    }
    assertEquals(0, fx.count("SELECT count(*) FROM transactions WHERE asset_id = $1", h.assetId()));
  }

  @Test
  @DisplayName("each family's deposit carries a hash and a sender in the chain's own formats, and confirms after its confirmations")
  void depositFormats() {
    Object[][] cases = {
        {"bitcoin", ChainFamily.BITCOIN, "BTC", "0.00012345", "[0-9a-f]{64}", "bc1q[0-9a-z]{38}", 1},
        {"solana", ChainFamily.SOLANA, "SOL", "1.5", "[1-9A-HJ-NP-Za-km-z]{80,90}", "[1-9A-HJ-NP-Za-km-z]{32,44}", 1},
        {"tron", ChainFamily.TRON, "USDT", "12", "[0-9a-f]{64}", "T[1-9A-HJ-NP-Za-km-z]{33}", 19}};
    for (Object[] c : cases) {
      Holder h = holder((String) c[0], (ChainFamily) c[1], (String) c[2]);
      JsonObject deposit = Money.deposit((String) c[0], h.address(), (String) c[2], (String) c[3]);
      assertTrue(deposit.getString("tx_hash").matches((String) c[4]), deposit::encode);
      assertTrue(deposit.getString("from_address").matches((String) c[5]), deposit::encode);
      assertEquals(0, deposit.getLong("block_number"), "not included yet");
      assertEquals(0, deposit.getInteger("confirmations"));
      Money.awaitStatus(api, h.token(), deposit.getString("tx_id"), "CONFIRMED");
      JsonObject confirmed = api.get(h.token(), "/api/v1/transactions/" + deposit.getString("tx_id")).json();
      assertEquals((int) c[6], confirmed.getInteger("confirmations"), (String) c[0]);
      assertEquals(c[3], Money.asset(api, h.token(), h.assetId()).getString("balance"));
    }
  }

  @Test
  @DisplayName("a deposit failed before CONFIRMED is never credited, even once the chain moves on")
  void failDeposit() {
    Holder h = holder("ethereum", ChainFamily.EVM, "ETH");
    JsonObject deposit;
    try (ChainFreeze frozen = new ChainFreeze("ethereum")) {
      deposit = Money.deposit("ethereum", h.address(), "ETH", "3");
      Money.Run failed = Money.cli("simulate", "fail", deposit.getString("tx_id"));
      assertEquals(0, failed.exit(), failed::err);
      assertEquals("FAILED", failed.json().getString("status"));
    }
    long height = fx.count("SELECT height FROM sandbox_chains WHERE chain = 'ethereum'");
    for (int i = 0; i < 400 && fx.count("SELECT height FROM sandbox_chains WHERE chain = 'ethereum'") < height + 13; i++) {
      Money.sleep(25);
    }
    assertEquals("FAILED", api.get(h.token(), "/api/v1/transactions/" + deposit.getString("tx_id")).json()
        .getString("status"));
    assertEquals("0", Money.asset(api, h.token(), h.assetId()).getString("balance"));
    Money.Run again = Money.cli("simulate", "fail", deposit.getString("tx_id"));
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("is already FAILED"), again.err());
  }

  @Test
  @DisplayName("a transfer failed before CONFIRMED returns its locked amount to the balance; a CONFIRMED one cannot fail")
  void failTransfer() {
    Holder h = holder("polygon", ChainFamily.EVM, "MATIC");
    String depositId = Money.deposit("polygon", h.address(), "MATIC", "10").getString("tx_id");
    Money.awaitStatus(api, h.token(), depositId, "CONFIRMED");
    String txId;
    try (ChainFreeze frozen = new ChainFreeze("polygon")) {
      Api.Reply sent = api.postJson(h.token(), "/api/v1/transfer", new JsonObject().put("from_address", h.address())
          .put("to_address", TransferTest.OUTSIDE).put("chain", "polygon").put("token_symbol", "MATIC")
          .put("amount", "4"));
      assertEquals(200, sent.status(), sent::toString);
      txId = sent.json().getString("tx_id");
      Money.awaitStatus(api, h.token(), txId, "BROADCAST"); // signed and sent; no block includes it while frozen
      JsonObject locked = Money.asset(api, h.token(), h.assetId());
      assertEquals("6", locked.getString("balance"));
      assertEquals("4", locked.getString("locked_balance"));
      Money.Run failed = Money.cli("simulate", "fail", txId);
      assertEquals(0, failed.exit(), failed::err);
      assertEquals("FAILED", failed.json().getString("status"));
      JsonObject released = Money.asset(api, h.token(), h.assetId());
      assertEquals("10", released.getString("balance"), "the locked amount is back");
      assertEquals("0", released.getString("locked_balance"));
    }
    assertEquals(0, fx.count("SELECT count(*) FROM sandbox_mempool m JOIN transactions t ON t.tx_hash = m.tx_hash"
        + " WHERE t.tx_id = $1", txId), "dropped from the mempool");
    Money.Run confirmed = Money.cli("simulate", "fail", depositId);
    assertEquals(2, confirmed.exit());
    assertTrue(confirmed.err().contains("is already CONFIRMED"), confirmed.err());
    Money.Run missing = Money.cli("simulate", "fail", "tx_nope");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("Transaction not found"), missing.err());
    Money.verifyLedger();
  }

  @Test
  @DisplayName("blocks come once per interval however many instances share the database")
  void oneClockAcrossInstances() throws Exception {
    GatewayServer second = TestGateway.start(Map.of("SANDBOX_BLOCK_MILLIS", "100"));
    GatewayServer third = TestGateway.start(Map.of("SANDBOX_BLOCK_MILLIS", "100"));
    try {
      JsonObject before = clock();
      Money.sleep(2000);
      JsonObject after = clock();
      double seconds = after.getDouble("at") - before.getDouble("at");
      long blocks = after.getLong("height") - before.getLong("height");
      // three instances each ticking on their own would give about 3 x 10 blocks a second
      assertTrue(blocks <= seconds * 10 + 1, () -> blocks + " blocks in " + seconds + " s");
      assertTrue(blocks >= 1, "the chain moves");
    } finally {
      second.close();
      third.close();
    }
  }

  private static JsonObject clock() {
    return new JsonObject().put("height", fx.count("SELECT height FROM sandbox_chains WHERE chain = 'bitcoin'"))
        .put("at", Double.parseDouble(fx.ids("SELECT extract(epoch FROM clock_timestamp())::text").get(0)));
  }
}
