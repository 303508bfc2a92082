package io.assetgateway.webhook;

import static io.assetgateway.webhook.Outbox.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.GatewayServer;
import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.RustWebhookEvent;
import io.assetgateway.support.SdkWebhookVerifier;
import io.assetgateway.support.TestGateway;
import io.assetgateway.support.WebhookReceiver;
import io.assetgateway.web.ApiError;
import io.assetgateway.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Webhook delivery to a local receiver")
class WebhookDeliveryTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static WebhookReceiver receiver;
  static Outbox outbox;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    receiver = WebhookReceiver.start();
    outbox = new Outbox(true);
    fx = Fixtures.get();
  }

  @AfterAll
  static void stop() {
    receiver.close();
    outbox.close();
  }

  /** A delivering server: fast polls and retries, private destinations allowed (the receiver is on loopback). */
  static GatewayServer server(String... overrides) {
    Map<String, String> env = new HashMap<>(Map.of("WEBHOOK_DELIVERY_ENABLED", "true", "WEBHOOK_ALLOW_PRIVATE", "true",
        "WEBHOOK_POLL_MILLIS", "100", "WEBHOOK_RETRY_BASE_MILLIS", "200", "WEBHOOK_RETRY_MAX_MILLIS", "1000",
        "WEBHOOK_TIMEOUT_MILLIS", "5000"));
    for (int i = 0; i < overrides.length; i += 2) {
      env.put(overrides[i], overrides[i + 1]);
    }
    return TestGateway.start(env);
  }

  /** A client with a webhook to this receiver path; returns (client, secret). */
  static Hooked hooked(String path) {
    Fixtures.TestClient client = fx.client();
    String secret = outbox.configure(client.clientId(), receiver.url(path)).newSecret().orElseThrow();
    return new Hooked(client, secret, path);
  }

  record Hooked(Fixtures.TestClient client, String secret, String path) {
    String id() {
      return client.clientId();
    }
  }

  /** Checks one delivery as a client would: the SDK's verifier (300 s), the published headers, Rust's parser. */
  static void assertVerifies(Hooked hooked, WebhookReceiver.Delivery d) {
    SdkWebhookVerifier.verify(hooked.secret(), d.header("X-Paratro-Timestamp"), d.body(), d.header("X-Paratro-Signature"));
    assertEquals("application/json", d.header("Content-Type"));
    assertEquals("v1", d.header("X-Paratro-Signature-Version"));
    assertEquals(d.eventId(), d.header("X-Paratro-Event-Id"));
    assertEquals(hooked.client().apiKey(), d.header("X-Paratro-Api-Key"));
    RustWebhookEvent.parse(d.json());
  }

  static List<String> typesOf(List<WebhookReceiver.Delivery> deliveries, String txId) {
    return deliveries.stream().filter(d -> d.json().getString("source_id").equals(txId))
        .map(d -> d.json().getString("event_type")).toList();
  }

  @Test
  @DisplayName("a deposit and a transfer: confirming then confirmed, each signed, verifiable, with the published headers")
  void depositAndTransfer() {
    Hooked h = hooked("/signed");
    String accountId = fx.account(h.id(), "ethereum", ChainFamily.EVM);
    String walletId = fx.ids("SELECT wallet_id FROM accounts WHERE account_id = $1", accountId).get(0);
    TransactionEvent transfer = Transactions.deposit(h.id(), walletId, accountId, "tx_transfer", "CONFIRMING");
    transfer = new TransactionEvent(transfer.txId(), transfer.clientId(), walletId, accountId, "CONFIRMING", "OUTBOUND",
        "tron", "mainnet", "ab".repeat(32), 61_000_000, "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf",
        "TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW", "TRX", "0x", "10", 6, 1, 19, Transactions.CREATED, null);
    TransactionEvent transferDone = new TransactionEvent(transfer.txId(), h.id(), walletId, accountId, "CONFIRMED",
        "OUTBOUND", "tron", "mainnet", transfer.txHash(), 61_000_000, transfer.from(), transfer.to(), "TRX", "0x", "10", 6,
        19, 19, Transactions.CREATED, Transactions.CREATED.plusMinutes(1));
    try (GatewayServer server = server()) {
      outbox.commit(Transactions.deposit(h.id(), walletId, accountId, "tx_deposit", "PENDING"), // announces nothing
          Transactions.deposit(h.id(), walletId, accountId, "tx_deposit", "CONFIRMING"), transfer,
          Transactions.deposit(h.id(), walletId, accountId, "tx_deposit", "CONFIRMED"), transferDone);
      List<WebhookReceiver.Delivery> got = receiver.await("/signed", 4, WAIT);
      eventually("all four delivered", WAIT, () -> outbox.list(h.id()).stream()
          .allMatch(e -> e.status() == DeliveryStatus.DELIVERED && e.attempts() == 1));
      assertEquals(4, receiver.deliveries("/signed").size(), "each once");
      got.forEach(d -> assertVerifies(h, d));
      assertEquals(4, got.stream().map(WebhookReceiver.Delivery::eventId).distinct().count());
      assertEquals(List.of("transaction.confirming", "transaction.confirmed"), typesOf(got, "tx_deposit"));
      assertEquals(List.of("transaction.confirming", "transaction.confirmed"), typesOf(got, "tx_transfer"));
      var deposit = got.stream().filter(d -> d.json().getString("source_id").equals("tx_deposit")).findFirst()
          .orElseThrow().json();
      assertEquals("1234500000", deposit.getString("amount"));
      assertEquals(walletId, deposit.getString("wallet_id"));
      assertEquals(accountId, deposit.getString("account_id"));
      assertEquals("INBOUND", deposit.getString("transaction_type"));
      var trx = got.stream().filter(d -> d.json().getString("event_type").equals("transaction.confirmed")
          && d.json().getString("source_id").equals("tx_transfer")).findFirst().orElseThrow().json();
      assertEquals("10000000", trx.getString("amount"));
      assertEquals("0x", trx.getString("contract_address"));
      assertEquals("OUTBOUND", trx.getString("transaction_type"));
      assertEquals("2026-01-02T03:05:05Z", trx.getString("confirmed_at"));

      String metrics = new Api(server.port()).send("GET", "/metrics", Map.of()).body();
      assertTrue(metrics.contains("webhook_deliveries_total{outcome=\"delivered\"} 4.0"), metrics);
      assertTrue(metrics.contains("webhook_outbox_depth "), "outbox depth gauge");
      assertTrue(metrics.contains("webhook_oldest_pending_age_seconds "), "oldest pending age gauge");
    }
  }

  @Test
  @DisplayName("the outbox row commits or rolls back with the caller's transaction; no webhook or disabled: no row")
  void sameTransaction() {
    Hooked h = hooked("/tx");
    outbox.rollBack(Transactions.deposit(h.id(), "tx_rolled_back", "CONFIRMED"));
    assertEquals(0, outbox.list(h.id()).size(), "rolled back with the status change");
    outbox.commit(Transactions.deposit(h.id(), "tx_committed", "CONFIRMED"));
    assertEquals("tx_committed", outbox.only(h.id()).sourceId());

    Fixtures.TestClient plain = fx.client();
    outbox.commit(Transactions.deposit(plain.clientId(), "tx_plain", "CONFIRMED"));
    assertEquals(0, outbox.list(plain.clientId()).size(), "a client without a webhook gets no events");

    Fixtures.await(outbox.service.disable(h.id()));
    outbox.commit(Transactions.deposit(h.id(), "tx_after_disable", "CONFIRMED"));
    assertEquals(1, outbox.list(h.id()).size(), "a disabled webhook gets no new events");
  }

  @Test
  @DisplayName("non-2xx answers are retried with backoff: same event_id and body bytes, fresh signature each time")
  void retriedUntil2xx() {
    Hooked h = hooked("/flaky");
    receiver.answer("/flaky", 500, 503, 404);
    try (GatewayServer server = server()) {
      outbox.commit(Transactions.deposit(h.id(), "tx_flaky", "CONFIRMED"));
      List<WebhookReceiver.Delivery> got = receiver.await("/flaky", 4, WAIT);
      eventually("delivered on the fourth attempt", WAIT, () -> outbox.only(h.id()).status() == DeliveryStatus.DELIVERED);
      OutboxEvent event = outbox.only(h.id());
      assertEquals(4, event.attempts());
      for (WebhookReceiver.Delivery d : got) {
        assertVerifies(h, d);
        assertEquals(event.eventId(), d.eventId());
        assertArrayEquals(got.get(0).body(), d.body(), "byte-identical body on every attempt");
      }
      for (int i = 1; i < got.size(); i++) {
        assertTrue(!got.get(i).receivedAt().isBefore(got.get(i - 1).receivedAt().plusMillis(100)),
            "attempt " + (i + 1) + " waited at least half of the 200 ms base backoff");
      }
      assertTrue(new Api(server.port()).send("GET", "/metrics", Map.of()).body()
          .contains("webhook_deliveries_total{outcome=\"http_error\"} 3.0"));
    }
  }

  @Test
  @DisplayName("an endpoint that does not answer within the timeout is retried, and the event arrives when it does")
  void timeoutRetried() {
    Hooked h = hooked("/silent");
    receiver.stall("/silent");
    try (GatewayServer server = server("WEBHOOK_TIMEOUT_MILLIS", "700")) {
      outbox.commit(Transactions.deposit(h.id(), "tx_silent", "CONFIRMED"));
      eventually("a timed-out attempt recorded", WAIT, () -> {
        OutboxEvent e = outbox.only(h.id());
        return e.lastError() != null && e.lastError().contains("no answer within 700 ms");
      });
      receiver.releaseAll();
      eventually("delivered after the endpoint answers", WAIT,
          () -> outbox.only(h.id()).status() == DeliveryStatus.DELIVERED);
      List<WebhookReceiver.Delivery> got = receiver.deliveries("/silent");
      assertTrue(got.size() >= 2, "retried");
      got.forEach(d -> assertEquals(outbox.only(h.id()).eventId(), d.eventId()));
      assertVerifies(h, got.get(got.size() - 1));
    }
  }

  @Test
  @DisplayName("receiver down, then up: every event arrives, in order per transaction, each once")
  void downThenUp() {
    Hooked h = hooked("/down");
    receiver.down();
    try (GatewayServer server = server()) {
      outbox.commit(Transactions.deposit(h.id(), "tx_a", "CONFIRMING"), Transactions.deposit(h.id(), "tx_b", "CONFIRMING"),
          Transactions.deposit(h.id(), "tx_a", "CONFIRMED"), Transactions.deposit(h.id(), "tx_c", "CONFIRMING"),
          Transactions.deposit(h.id(), "tx_b", "FAILED"));
      eventually("the first events failed twice", WAIT, () -> outbox.list(h.id()).stream()
          .filter(e -> e.eventType().equals("transaction.confirming")).allMatch(e -> e.attempts() >= 2));
      assertTrue(outbox.list(h.id()).stream().filter(e -> !e.eventType().equals("transaction.confirming"))
          .allMatch(e -> e.attempts() == 0), "later events of a transaction wait for the earlier ones");
      eventually("the gauges see the backlog", WAIT, () -> MetricsValue.of(
          new Api(server.port()).send("GET", "/metrics", Map.of()).body(), "webhook_outbox_depth") >= 5);
      assertTrue(MetricsValue.of(new Api(server.port()).send("GET", "/metrics", Map.of()).body(),
          "webhook_oldest_pending_age_seconds") > 0);
      receiver.up();
      List<WebhookReceiver.Delivery> got = receiver.await("/down", 5, WAIT);
      eventually("all delivered", WAIT, () -> outbox.list(h.id()).stream()
          .allMatch(e -> e.status() == DeliveryStatus.DELIVERED));
      got = receiver.deliveries("/down");
      assertEquals(5, got.size());
      assertEquals(5, got.stream().map(WebhookReceiver.Delivery::eventId).distinct().count());
      got.forEach(d -> assertVerifies(h, d));
      assertEquals(List.of("transaction.confirming", "transaction.confirmed"), typesOf(got, "tx_a"));
      assertEquals(List.of("transaction.confirming", "transaction.failed"), typesOf(got, "tx_b"));
      assertEquals(List.of("transaction.confirming"), typesOf(got, "tx_c"));
    } finally {
      receiver.up();
    }
  }

  @Test
  @DisplayName("a dead endpoint holds at most WEBHOOK_MAX_IN_FLIGHT_PER_CLIENT attempts and never delays another client")
  void deadEndpointIsolated() {
    Hooked slow = hooked("/stuck");
    Hooked fast = hooked("/quick");
    receiver.stall("/stuck");
    try (GatewayServer server = server("WEBHOOK_MAX_IN_FLIGHT_PER_CLIENT", "2", "WEBHOOK_TIMEOUT_MILLIS", "60000")) {
      for (int i = 0; i < 6; i++) {
        outbox.commit(Transactions.deposit(slow.id(), "tx_stuck_" + i, "CONFIRMED"));
      }
      receiver.await("/stuck", 2, WAIT);
      outbox.commit(Transactions.deposit(fast.id(), "tx_quick", "CONFIRMED"));
      // well inside the stuck endpoint's 60 s timeout: the other client's event did not wait for it
      List<WebhookReceiver.Delivery> quick = receiver.await("/quick", 1, WAIT);
      assertVerifies(fast, quick.get(0));
      assertEquals(2, receiver.open("/stuck"), "the dead endpoint holds exactly its two slots");
      assertEquals(2, receiver.deliveries("/stuck").size(), "and no attempt beyond them");
      receiver.releaseAll();
      eventually("the stuck client's events follow once it answers", WAIT, () -> outbox.list(slow.id()).stream()
          .allMatch(e -> e.status() == DeliveryStatus.DELIVERED));
      assertEquals(6, receiver.deliveries("/stuck").stream().map(WebhookReceiver.Delivery::eventId).distinct().count());
    } finally {
      receiver.releaseAll();
    }
  }

  @Test
  @DisplayName("two instances on one database deliver each event once")
  void twoInstances() {
    Hooked h = hooked("/shared");
    receiver.delay("/shared", 300); // every attempt stays in flight across several polls of both instances
    try (GatewayServer one = server("WEBHOOK_MAX_IN_FLIGHT_PER_CLIENT", "8");
        GatewayServer two = server("WEBHOOK_MAX_IN_FLIGHT_PER_CLIENT", "8")) {
      for (int i = 0; i < 40; i++) {
        outbox.commit(Transactions.deposit(h.id(), "tx_shared_" + i, "CONFIRMED"));
      }
      receiver.await("/shared", 40, WAIT);
      eventually("all delivered", WAIT, () -> outbox.list(h.id()).stream()
          .allMatch(e -> e.status() == DeliveryStatus.DELIVERED));
      Map<String, Long> times = receiver.deliveries("/shared").stream()
          .collect(Collectors.groupingBy(WebhookReceiver.Delivery::eventId, Collectors.counting()));
      assertEquals(40, times.size());
      assertEquals(Set.of(1L), new HashSet<>(times.values()), "no event twice");
      assertTrue(outbox.list(h.id()).stream().allMatch(e -> e.attempts() == 1));
      double byOne = MetricsValue.of(new Api(one.port()).send("GET", "/metrics", Map.of()).body(),
          "webhook_deliveries_total{outcome=\"delivered\"}");
      double byTwo = MetricsValue.of(new Api(two.port()).send("GET", "/metrics", Map.of()).body(),
          "webhook_deliveries_total{outcome=\"delivered\"}");
      assertEquals(40.0, Math.max(byOne, 0) + Math.max(byTwo, 0), "split between the instances, 40 in all");
    }
  }

  @Test
  @DisplayName("given up after WEBHOOK_GIVE_UP_HOURS: failed, listed as failed; redeliver sends the same event again")
  void giveUpAndRedeliver() {
    Hooked h = hooked("/gone");
    Integer[] errors = new Integer[200];
    java.util.Arrays.fill(errors, 410);
    receiver.answer("/gone", errors);
    try (GatewayServer server = server("WEBHOOK_GIVE_UP_HOURS", "1")) {
      outbox.commit(Transactions.deposit(h.id(), "tx_gone", "CONFIRMED"));
      eventually("a failed attempt", WAIT, () -> outbox.only(h.id()).attempts() >= 1);
      assertEquals(DeliveryStatus.PENDING, outbox.only(h.id()).status(), "young events are retried");
      fx.execute("UPDATE webhook_events SET queued_at = now() - interval '61 minutes' WHERE client_id = $1", h.id());
      eventually("given up", WAIT, () -> outbox.only(h.id()).status() == DeliveryStatus.FAILED);
      OutboxEvent failed = outbox.only(h.id());
      assertEquals("HTTP 410", failed.lastError());
      int attemptsWhenFailed = receiver.deliveries("/gone").size();
      sleep(600);
      assertEquals(attemptsWhenFailed, receiver.deliveries("/gone").size(), "no attempt after giving up");
      assertEquals(List.of(failed.eventId()), Fixtures.await(outbox.service.list(h.id(),
          java.util.Optional.of(DeliveryStatus.FAILED), 10)).stream().map(OutboxEvent::eventId).toList());
      assertTrue(new Api(server.port()).send("GET", "/metrics", Map.of()).body().contains("webhook_events_failed_total 1.0"));

      receiver.clearScript("/gone");
      OutboxEvent again = Fixtures.await(outbox.service.redeliver(failed.eventId()));
      assertEquals(DeliveryStatus.PENDING, again.status());
      eventually("redelivered", WAIT, () -> outbox.only(h.id()).status() == DeliveryStatus.DELIVERED);
      List<WebhookReceiver.Delivery> got = receiver.deliveries("/gone");
      assertEquals(failed.eventId(), got.get(got.size() - 1).eventId());
      assertVerifies(h, got.get(got.size() - 1));
    }
  }

  @Test
  @DisplayName("a private destination without WEBHOOK_ALLOW_PRIVATE: refused when configured, and again at delivery")
  void privateRefused() {
    Fixtures.TestClient client = fx.client();
    try (Outbox strict = new Outbox(false)) {
      CompletionException refused = assertThrows(CompletionException.class, () -> join(
          strict.service.configure(client.clientId(), receiver.url("/private"), false)));
      ApiException e = (ApiException) refused.getCause();
      assertEquals(ApiError.INVALID_PARAMETER, e.error());
      assertTrue(e.getMessage().contains("127.0.0.1") && e.getMessage().contains("loopback"), e.getMessage());
      assertThrows(CompletionException.class, () -> join(strict.service.settings(client.clientId())), "nothing stored");
    }
    // configured while allowed (a sandbox), then delivered by an instance that does not allow it
    Hooked h = hooked("/private");
    try (GatewayServer server = server("WEBHOOK_ALLOW_PRIVATE", "false")) {
      outbox.commit(Transactions.deposit(h.id(), "tx_private", "CONFIRMED"));
      eventually("the attempt refused", WAIT, () -> {
        OutboxEvent event = outbox.only(h.id());
        return event.lastError() != null && event.lastError().contains("loopback");
      });
      assertEquals(0, receiver.deliveries("/private").size(), "no request reached it");
      assertTrue(new Api(server.port()).send("GET", "/metrics", Map.of()).body()
          .contains("webhook_deliveries_total{outcome=\"refused\"}"));
    }
    Fixtures.await(outbox.service.disable(h.id())); // leaves nothing for later servers to retry
  }

  private static <T> T join(io.vertx.core.Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A sample's value in Prometheus text, -1 when absent. */
  static final class MetricsValue {
    static double of(String metrics, String series) {
      var m = java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(series) + " ([0-9.Ee+-]+)$",
          java.util.regex.Pattern.MULTILINE).matcher(metrics);
      return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
  }
}
