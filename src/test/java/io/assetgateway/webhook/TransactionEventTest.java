package io.assetgateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.support.RustWebhookEvent;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Webhook event body")
class TransactionEventTest {
  /** API.md's body keys, in its order, then {@code data} (required by every SDK's event model). */
  static final List<String> KEYS = List.of("event_id", "event_type", "event_time", "source_id", "wallet_id",
      "account_id", "status", "transaction_type", "chain", "network", "txhash", "block_number", "from", "to", "symbol",
      "contract_address", "amount", "decimals", "confirmations", "required_confirmations", "created_at", "confirmed_at",
      "risk_checked", "risk_score", "risk_level", "data");

  static JsonObject body(TransactionEvent tx) {
    UUID id = UUID.randomUUID();
    return new JsonObject(EventBody.of(id, tx.eventType().orElseThrow(), OffsetDateTime.now(ZoneOffset.UTC), tx));
  }

  @Test
  @DisplayName("every key API.md lists plus data, in order; Rust 1.6's WebhookEvent parses it (risk_score a number)")
  void rustParses() {
    for (String status : List.of("CONFIRMING", "CONFIRMED", "FAILED")) {
      JsonObject body = body(Transactions.deposit("cli_x", "tx_1", status));
      assertEquals(KEYS, List.copyOf(body.fieldNames()));
      RustWebhookEvent.parse(body);
      assertEquals(0, body.getInteger("risk_score"));
      assertEquals(false, body.getBoolean("risk_checked"));
      assertEquals("UNSCANNED", body.getString("risk_level"));
      assertEquals("", body.getString("data"));
      assertTrue(body.getString("event_id").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"));
      assertTrue(body.getString("event_time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
      assertEquals(status, body.getString("status"));
      assertEquals("tx_1", body.getString("source_id"));
      assertEquals("2026-01-02T03:04:05Z", body.getString("created_at"));
    }
    JsonObject confirming = body(Transactions.deposit("cli_x", "tx_1", "CONFIRMING"));
    assertTrue(confirming.containsKey("confirmed_at"));
    assertNull(confirming.getValue("confirmed_at"), "null until confirmed");
    assertEquals("2026-01-02T03:07:05Z", body(Transactions.deposit("cli_x", "tx_1", "CONFIRMED")).getString("confirmed_at"));
    assertThrows(AssertionError.class, () -> RustWebhookEvent.parse(confirming.copy().put("risk_score", "")),
        "the checker itself refuses API.md's string risk_score, as Rust does");
    assertThrows(AssertionError.class, () -> { JsonObject b = confirming.copy(); b.remove("data"); RustWebhookEvent.parse(b); });
  }

  @Test
  @DisplayName("the status names the event: CONFIRMING, CONFIRMED, FAILED; every other status announces nothing")
  void eventTypes() {
    assertEquals(Optional.of("transaction.confirming"), Transactions.deposit("c", "t", "CONFIRMING").eventType());
    assertEquals(Optional.of("transaction.confirmed"), Transactions.deposit("c", "t", "CONFIRMED").eventType());
    assertEquals(Optional.of("transaction.failed"), Transactions.deposit("c", "t", "FAILED").eventType());
    for (String other : List.of("PENDING", "SIGNED", "BROADCAST", "confirmed", "")) {
      assertEquals(Optional.empty(), Transactions.deposit("c", "t", other).eventType(), other);
    }
  }

  @ParameterizedTest(name = "{0} with {1} decimals is {2} in the smallest unit")
  @CsvSource({"1234.5, 6, 1234500000", "0.000001, 6, 1", "1, 18, 1000000000000000000", "0, 8, 0",
      "1.10, 1, 11", "12, 0, 12", "0.1000000000, 9, 100000000"})
  void smallestUnits(String amount, int decimals, String units) {
    assertEquals(units, withAmount(amount, decimals).amountInSmallestUnits());
    assertEquals(units, body(withAmount(amount, decimals)).getString("amount"));
  }

  @ParameterizedTest(name = "amount {0} with {1} decimals is refused at once")
  @CsvSource({"0.0000001, 6", "-1, 6", "abc, 6", "'', 6", "1.5, 0"})
  void badAmounts(String amount, int decimals) {
    assertThrows(IllegalArgumentException.class, () -> withAmount(amount, decimals));
  }

  @Test
  @DisplayName("a missing field or a negative count is the caller's bug, refused when the event is built")
  void required() {
    TransactionEvent ok = Transactions.deposit("c", "t", "CONFIRMED");
    assertThrows(NullPointerException.class, () -> new TransactionEvent(ok.txId(), ok.clientId(), ok.walletId(),
        ok.accountId(), ok.status(), ok.transactionType(), ok.chain(), ok.network(), null, 0, ok.from(), ok.to(),
        ok.symbol(), ok.contractAddress(), ok.amount(), ok.decimals(), 0, 0, ok.createdAt(), null));
    assertThrows(IllegalArgumentException.class, () -> new TransactionEvent(ok.txId(), ok.clientId(), ok.walletId(),
        ok.accountId(), ok.status(), ok.transactionType(), ok.chain(), ok.network(), "", -1, ok.from(), ok.to(),
        ok.symbol(), ok.contractAddress(), ok.amount(), ok.decimals(), 0, 0, ok.createdAt(), null));
  }

  static TransactionEvent withAmount(String amount, int decimals) {
    TransactionEvent t = Transactions.deposit("c", "t", "CONFIRMED");
    return new TransactionEvent(t.txId(), t.clientId(), t.walletId(), t.accountId(), t.status(), t.transactionType(),
        t.chain(), t.network(), t.txHash(), t.blockNumber(), t.from(), t.to(), t.symbol(), t.contractAddress(), amount,
        decimals, t.confirmations(), t.requiredConfirmations(), t.createdAt(), t.confirmedAt());
  }
}
