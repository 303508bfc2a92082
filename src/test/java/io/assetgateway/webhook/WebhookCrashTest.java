package io.assetgateway.webhook;

import static io.assetgateway.webhook.Outbox.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.GatewayServer;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.SdkWebhookVerifier;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.assetgateway.support.WebhookReceiver;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Webhook delivery across a crash")
class WebhookCrashTest {

  @Test
  @DisplayName("a `serve` process killed (SIGKILL) mid-delivery: the next instance delivers it, with the same event_id")
  void killedMidDelivery() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(); Outbox outbox = new Outbox(true)) {
      Fixtures.TestClient client = Fixtures.get().client();
      String secret = outbox.configure(client.clientId(), receiver.url("/crash")).newSecret().orElseThrow();
      receiver.stall("/crash");
      Process serve = startServe();
      try {
        outbox.commit(Transactions.deposit(client.clientId(), "tx_crash", "CONFIRMED"));
        receiver.await("/crash", 1, Duration.ofSeconds(90)); // the child started and sent it; the receiver holds it
        assertEquals(DeliveryStatus.PENDING, outbox.only(client.clientId()).status());
        serve.destroyForcibly(); // SIGKILL while the request is in flight
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS));
      } finally {
        serve.destroyForcibly();
      }
      receiver.releaseAll(); // the held request's answer goes nowhere: its sender is dead
      try (GatewayServer next = TestGateway.start(Map.of("WEBHOOK_DELIVERY_ENABLED", "true",
          "WEBHOOK_ALLOW_PRIVATE", "true", "WEBHOOK_POLL_MILLIS", "100"))) {
        eventually("delivered by the next instance once the dead one's lease expired", Duration.ofSeconds(60),
            () -> outbox.only(client.clientId()).status() == DeliveryStatus.DELIVERED);
      }
      List<WebhookReceiver.Delivery> got = receiver.deliveries("/crash");
      assertTrue(got.size() >= 2, "sent before the crash and again after it");
      String eventId = outbox.only(client.clientId()).eventId();
      for (WebhookReceiver.Delivery d : got) {
        assertEquals(eventId, d.eventId(), "never a different event_id");
        assertEquals(eventId, d.header("X-Paratro-Event-Id"));
        assertArrayEquals(got.get(0).body(), d.body());
      }
      WebhookReceiver.Delivery last = got.get(got.size() - 1);
      SdkWebhookVerifier.verify(secret, last.header("X-Paratro-Timestamp"), last.body(), last.header("X-Paratro-Signature"));
    }
  }

  /** The jar's own entry point in a child JVM, delivering webhooks with a 3 s timeout (so a 13 s lease). */
  private static Process startServe() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
        "io.assetgateway.Main", "serve");
    pb.environment().put("DATABASE_URL", TestDatabase.url().toUrl());
    pb.environment().put("HTTP_PORT", Integer.toString(port));
    pb.environment().put("HTTP_INSTANCES", "1");
    pb.environment().put("JWT_SECRET", TestGateway.JWT_SECRET);
    pb.environment().put("WALLET_MASTER_KEY", TestGateway.MASTER_KEY);
    pb.environment().put("WEBHOOK_ALLOW_PRIVATE", "true");
    pb.environment().put("WEBHOOK_POLL_MILLIS", "100");
    pb.environment().put("WEBHOOK_TIMEOUT_MILLIS", "3000");
    pb.redirectErrorStream(true).redirectOutput(new File("target/webhook-child.log")); // kept for diagnosis
    return pb.start();
  }
}
