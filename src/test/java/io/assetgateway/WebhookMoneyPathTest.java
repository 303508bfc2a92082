package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Money;
import io.assetgateway.support.RustWebhookEvent;
import io.assetgateway.support.SdkWebhookVerifier;
import io.assetgateway.support.TestGateway;
import io.assetgateway.support.WebhookReceiver;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The webhook issue's "done when", end to end with the real money path: a client with a webhook (set with the
 * CLI) receives signed, verifiable transaction.confirming and transaction.confirmed events for a simulated deposit
 * and for a transfer, each written to the outbox by the status change itself.
 */
@DisplayName("Webhooks for real transactions")
class WebhookMoneyPathTest {

  @Test
  @DisplayName("a simulated deposit and a transfer each deliver confirming then confirmed, signed and verifiable")
  void depositAndTransferEvents() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start();
        GatewayServer server = TestGateway.start(Map.of("WEBHOOK_DELIVERY_ENABLED", "true",
            "WEBHOOK_ALLOW_PRIVATE", "true", "WEBHOOK_POLL_MILLIS", "100", "SANDBOX_BLOCK_MILLIS", "50"))) {
      Api api = new Api(server.port());
      Fixtures fx = Fixtures.get();
      Fixtures.TestClient client = fx.client();
      String token = api.bearer(client);
      JsonObject webhook = Money.cli(Map.of("WEBHOOK_ALLOW_PRIVATE", "true"), "clients", "webhook", client.clientId(),
          "--url", receiver.url("/paratro")).json();
      String secret = webhook.getString("webhook_secret");
      String accountId = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
      String address = api.get(token, "/api/v1/accounts/" + accountId).json().getString("address");
      assertEquals(200, api.addAsset(token, new JsonObject().put("account_id", accountId).put("symbol", "USDT")
          .put("chain", "ethereum")).status());

      String depositId = Money.deposit("ethereum", address, "USDT", "40").getString("tx_id");
      Money.awaitStatus(api, token, depositId, "CONFIRMED");
      Api.Reply transfer = api.postJson(token, "/api/v1/transfer", new JsonObject().put("from_address", address)
          .put("to_address", "0x52908400098527886E0F7030069857D2E4169EE7").put("chain", "ethereum")
          .put("token_symbol", "USDT").put("amount", "15.5"));
      assertEquals(200, transfer.status(), transfer::toString);
      String transferId = transfer.json().getString("tx_id");
      Money.awaitStatus(api, token, transferId, "CONFIRMED");

      List<WebhookReceiver.Delivery> deliveries = receiver.await("/paratro", d -> true, 4, Duration.ofSeconds(30));
      for (WebhookReceiver.Delivery d : deliveries) {
        // the SDKs' verify_signature: v1=HMAC-SHA256(secret, "{timestamp}.{raw body}"), 300 s tolerance
        SdkWebhookVerifier.verify(secret, d.header("X-Paratro-Timestamp"), d.body(), d.header("X-Paratro-Signature"));
        RustWebhookEvent.parse(d.json()); // and Rust 1.6's parse_event
        assertEquals(d.json().getString("event_id"), d.header("X-Paratro-Event-Id"));
        assertEquals(client.apiKey(), d.header("X-Paratro-Api-Key"));
      }
      Map<String, List<String>> byTransaction = deliveries.stream().collect(Collectors.groupingBy(
          d -> d.json().getString("source_id"), Collectors.mapping(d -> d.json().getString("event_type"),
              Collectors.toList())));
      assertEquals(List.of("transaction.confirming", "transaction.confirmed"), byTransaction.get(depositId));
      assertEquals(List.of("transaction.confirming", "transaction.confirmed"), byTransaction.get(transferId));

      JsonObject confirmedDeposit = deliveries.stream().map(WebhookReceiver.Delivery::json)
          .filter(e -> e.getString("source_id").equals(depositId) && e.getString("status").equals("CONFIRMED"))
          .findFirst().orElseThrow();
      assertEquals("INBOUND", confirmedDeposit.getString("transaction_type"));
      assertEquals("40000000", confirmedDeposit.getString("amount"), "smallest units: 40 USDT at 6 decimals");
      assertEquals(6, confirmedDeposit.getInteger("decimals"));
      assertEquals("0xdAC17F958D2ee523a2206206994597C13D831ec7", confirmedDeposit.getString("contract_address"));
      assertEquals(12, confirmedDeposit.getInteger("required_confirmations"));
      assertTrue(confirmedDeposit.getString("confirmed_at") != null);
      JsonObject confirmingTransfer = deliveries.stream().map(WebhookReceiver.Delivery::json)
          .filter(e -> e.getString("source_id").equals(transferId) && e.getString("status").equals("CONFIRMING"))
          .findFirst().orElseThrow();
      assertEquals("OUTBOUND", confirmingTransfer.getString("transaction_type"));
      assertEquals(address, confirmingTransfer.getString("from"));
      assertNull(confirmingTransfer.getValue("confirmed_at"), "null until confirmed");
      assertTrue(confirmingTransfer.getString("txhash").matches("0x[0-9a-f]{64}"));
    }
  }
}
