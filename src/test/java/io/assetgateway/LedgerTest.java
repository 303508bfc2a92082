package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.ledger.LedgerService;
import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Money;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The ledger: append-only entries, never a negative balance, ledger verify")
class LedgerTest {
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
  }

  /** A confirmed deposit of {@code amount}: the asset id, its token and the deposit's id. */
  static String[] funded(String amount) {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    String accountId = fx.account(client.clientId(), "bitcoin", ChainFamily.BITCOIN);
    String address = api.get(token, "/api/v1/accounts/" + accountId).json().getString("address");
    String assetId = api.addAsset(token, new JsonObject().put("account_id", accountId).put("symbol", "BTC")).json()
        .getString("asset_id");
    String depositId = Money.deposit("bitcoin", address, "BTC", amount).getString("tx_id");
    Money.awaitStatus(api, token, depositId, "CONFIRMED");
    return new String[] {assetId, token, depositId, address};
  }

  @Test
  @DisplayName("every balance change is an entry of its transaction, with the balances after it")
  void entriesFollowTheMoney() {
    String[] f = funded("0.5");
    List<String> entries = fx.ids("SELECT kind || ' ' || tx_id || ' ' || amount::text || ' ' || balance_after::text"
        + " || ' ' || locked_after::text FROM ledger_entries WHERE asset_id = $1 ORDER BY entry_id", f[0]);
    assertEquals(List.of("CREDIT " + f[2] + " 0.5 0.5 0"), entries);
  }

  @Test
  @DisplayName("the database refuses to change or delete an entry, and any negative balance")
  void constraints() {
    String[] f = funded("1");
    assertRefused("UPDATE ledger_entries SET amount = 2 WHERE asset_id = $1", f[0]);
    assertRefused("DELETE FROM ledger_entries WHERE asset_id = $1", f[0]);
    assertRefused("TRUNCATE ledger_entries");
    assertRefused("UPDATE assets SET balance = -1 WHERE asset_id = $1", f[0]);
    assertRefused("UPDATE assets SET locked_balance = -0.00000001 WHERE asset_id = $1", f[0]);
    assertEquals(1, fx.count("SELECT count(*) FROM ledger_entries WHERE asset_id = $1", f[0]));
  }

  @Test
  @DisplayName("an effect cannot happen twice for one transaction: a second credit is refused and rolls back")
  void noDoubleCredit() {
    String[] f = funded("2");
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(io.assetgateway.support.TestDatabase.url().connectOptions())
        .using(vertx).build();
    try {
      LedgerService ledger = new LedgerService();
      assertThrows(Exception.class, () -> Fixtures.await(pool.withTransaction(tx ->
          ledger.credit(tx, f[0], f[2], BigDecimal.ONE))));
      assertThrows(Exception.class, () -> Fixtures.await(pool.withTransaction(tx ->
          ledger.settle(tx, f[0], f[2], BigDecimal.ONE))), "nothing locked to settle");
      assertEquals("2", Money.asset(api, f[1], f[0]).getString("balance"));
    } finally {
      pool.close();
      vertx.close();
    }
  }

  @Test
  @DisplayName("ledger verify exits 1 naming an asset whose balance differs from its entries, and 0 once it agrees")
  void verifyFindsDifferences() {
    String[] f = funded("3");
    JsonObject ok = Money.verifyLedger();
    assertTrue(ok.getBoolean("consistent"));
    assertTrue(ok.getLong("assets_checked") > 0 && ok.getLong("entries_checked") > 0, ok::encode);
    fx.execute("UPDATE assets SET balance = balance + 0.00000001 WHERE asset_id = $1", f[0]);
    try {
      Money.Run run = Money.cli("ledger", "verify");
      assertEquals(1, run.exit(), run::out);
      JsonObject report = run.json();
      assertEquals(false, report.getBoolean("consistent"));
      Set<String> ids = report.getJsonArray("differences").stream().map(d -> ((JsonObject) d).getString("id"))
          .collect(Collectors.toSet());
      assertEquals(Set.of(f[0]), ids);
    } finally {
      fx.execute("UPDATE assets SET balance = balance - 0.00000001 WHERE asset_id = $1", f[0]);
    }
    Money.verifyLedger();
  }

  private static void assertRefused(String sql, Object... params) {
    assertThrows(IllegalStateException.class, () -> fx.execute(sql, params), sql);
  }
}
