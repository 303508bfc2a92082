package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.keys.SeedVault;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Secrets;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Command line: webhooks")
class WebhookCliTest {
  static final Fixtures fx = Fixtures.get();

  record Run(int exit, String out, String err) {
    JsonObject json() {
      assertEquals(1, out.lines().count(), () -> "one JSON line: " + out + err);
      return new JsonObject(out.strip());
    }
  }

  static Run cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(() -> TestGateway.config(env)).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute(args);
    Run run = new Run(exit, out.toString(), err.toString());
    run.out().lines().filter(l -> l.startsWith("{") && l.contains("webhook_secret")).forEach(l ->
        Secrets.remember(new JsonObject(l).getString("webhook_secret")));
    return run;
  }

  static final Map<String, String> SANDBOX = Map.of("WEBHOOK_ALLOW_PRIVATE", "true");

  @Test
  @DisplayName("clients webhook --url prints the secret once; it is stored only sealed, and --url again keeps it")
  void configure() {
    String id = fx.client().clientId();
    Run run = cli(SANDBOX, "clients", "webhook", id, "--url", "http://127.0.0.1:9/hooks");
    assertEquals(0, run.exit(), run::err);
    JsonObject first = run.json();
    assertEquals(Set.of("client_id", "webhook_url", "webhook_secret", "enabled"), first.fieldNames());
    assertEquals(id, first.getString("client_id"));
    assertEquals("http://127.0.0.1:9/hooks", first.getString("webhook_url"));
    assertTrue(first.getBoolean("enabled"));
    String secret = first.getString("webhook_secret");
    assertTrue(secret.matches("whsec_[A-Za-z0-9_-]{43}"), secret);

    byte[] sealed = sealedSecret(id);
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(secret.substring(6, 20)), "not in clear");
    assertEquals(secret, new String(new SeedVault(HexFormat.of().parseHex(TestGateway.MASTER_KEY))
        .decrypt("webhook-secret:" + id, sealed), StandardCharsets.UTF_8), "sealed under the master key, bound to the client");

    JsonObject moved = cli(SANDBOX, "clients", "webhook", id, "--url", "https://127.0.0.1:8443/other").json();
    assertEquals(Set.of("client_id", "webhook_url", "enabled"), moved.fieldNames(), "the secret is not shown again");
    assertEquals("https://127.0.0.1:8443/other", moved.getString("webhook_url"));
    assertEquals(HexFormat.of().formatHex(sealed), HexFormat.of().formatHex(sealedSecret(id)), "same secret kept");

    JsonObject shown = cli(Map.of(), "clients", "webhook", id).json();
    assertEquals(moved, shown);
  }

  @Test
  @DisplayName("--rotate-secret prints a new secret; --disable turns it off; --url turns it on again")
  void rotateAndDisable() {
    String id = fx.client().clientId();
    String first = cli(SANDBOX, "clients", "webhook", id, "--url", "http://127.0.0.1:9/").json().getString("webhook_secret");
    JsonObject rotated = cli(Map.of(), "clients", "webhook", id, "--rotate-secret").json();
    assertNotEquals(first, rotated.getString("webhook_secret"));
    assertTrue(rotated.getString("webhook_secret").startsWith("whsec_"));
    JsonObject both = cli(SANDBOX, "clients", "webhook", id, "--url", "http://127.0.0.1:10/", "--rotate-secret").json();
    assertTrue(both.containsKey("webhook_secret"));
    assertNotEquals(rotated.getString("webhook_secret"), both.getString("webhook_secret"));

    JsonObject off = cli(Map.of(), "clients", "webhook", id, "--disable").json();
    assertEquals(false, off.getBoolean("enabled"));
    assertEquals(1, fx.count("SELECT count(*) FROM webhook_endpoints WHERE client_id = $1 AND NOT enabled", id));
    assertEquals(true, cli(SANDBOX, "clients", "webhook", id, "--url", "http://127.0.0.1:10/").json().getBoolean("enabled"));
  }

  @Test
  @DisplayName("a private destination without WEBHOOK_ALLOW_PRIVATE is refused (exit 2), nothing stored")
  void privateRefused() {
    String id = fx.client().clientId();
    Run run = cli(Map.of(), "clients", "webhook", id, "--url", "http://127.0.0.1:9/hooks");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("loopback") && run.err().contains("WEBHOOK_ALLOW_PRIVATE"), run.err());
    assertEquals("", run.out());
    assertEquals(0, fx.count("SELECT count(*) FROM webhook_endpoints WHERE client_id = $1", id));
    Run metadata = cli(Map.of(), "clients", "webhook", id, "--url", "http://169.254.169.254/latest");
    assertEquals(2, metadata.exit());
    assertTrue(metadata.err().contains("link-local"), metadata.err());
  }

  @ParameterizedTest(name = "--url {0} is refused")
  @ValueSource(strings = {"ftp://127.0.0.1/", "not a url", "http://user:pw@127.0.0.1/", "file:///etc/passwd"})
  void badUrls(String url) {
    String id = fx.client().clientId();
    Run run = cli(SANDBOX, "clients", "webhook", id, "--url", url);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("webhook URL"), run.err());
  }

  @Test
  @DisplayName("unknown clients, a client without a webhook, and --disable with --url are refused (exit 2)")
  void refusals() {
    assertEquals(2, cli(SANDBOX, "clients", "webhook", "cli_nope", "--url", "http://127.0.0.1/").exit());
    String id = fx.client().clientId();
    Run none = cli(Map.of(), "clients", "webhook", id, "--rotate-secret");
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("has no webhook"), none.err());
    assertEquals(2, cli(Map.of(), "clients", "webhook", id, "--disable").exit());
    assertEquals(2, cli(SANDBOX, "clients", "webhook", id, "--disable", "--url", "http://127.0.0.1/").exit());
  }

  @Test
  @DisplayName("webhooks list shows a client's events (newest first, --status filters); redeliver queues one again")
  void listAndRedeliver() {
    String id = fx.client().clientId();
    cli(SANDBOX, "clients", "webhook", id, "--url", "http://127.0.0.1:9/");
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    fx.execute("INSERT INTO webhook_events (event_id, client_id, source_id, event_type, body, status, attempts, last_error)"
        + " VALUES ($1::uuid, $2, 'tx_1', 'transaction.confirmed', '{}', 'failed', 7, 'HTTP 500')", first, id);
    fx.execute("INSERT INTO webhook_events (event_id, client_id, source_id, event_type, body, status, delivered_at)"
        + " VALUES ($1::uuid, $2, 'tx_2', 'transaction.confirming', '{}', 'delivered', now())", second, id);

    Run all = cli(Map.of(), "webhooks", "list", "--client", id);
    assertEquals(0, all.exit(), all::err);
    List<JsonObject> lines = all.out().lines().map(JsonObject::new).toList();
    assertEquals(List.of(second, first), lines.stream().map(l -> l.getString("event_id")).toList());
    assertEquals(Set.of("event_id", "client_id", "source_id", "event_type", "status", "attempts", "next_attempt_at",
        "last_error", "created_at", "delivered_at"), lines.get(0).fieldNames());
    Run failed = cli(Map.of(), "webhooks", "list", "--client", id, "--status", "failed");
    JsonObject f = failed.json();
    assertEquals(first, f.getString("event_id"));
    assertEquals("failed", f.getString("status"));
    assertEquals(7, f.getInteger("attempts"));
    assertEquals("HTTP 500", f.getString("last_error"));
    assertEquals(2, cli(Map.of(), "webhooks", "list", "--client", id, "--status", "lost").exit());

    JsonObject again = cli(Map.of(), "webhooks", "redeliver", first).json();
    assertEquals("pending", again.getString("status"));
    assertEquals(first, again.getString("event_id"));
    assertEquals(1, fx.count("SELECT count(*) FROM webhook_events WHERE event_id = $1::uuid AND status = 'pending'"
        + " AND queued_at > now() - interval '1 minute'", first));
    assertEquals(2, cli(Map.of(), "webhooks", "redeliver", UUID.randomUUID().toString()).exit());
    assertEquals(2, cli(Map.of(), "webhooks", "redeliver", "evt_123").exit());
    // nothing must try to deliver these hand-made events later
    fx.execute("UPDATE webhook_events SET status = 'failed' WHERE client_id = $1", id);
  }

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"clients webhook", "webhooks", "webhooks list", "webhooks redeliver"})
  void help(String command) {
    List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
    args.add("--help");
    Run run = cli(Map.of(), args.toArray(new String[0]));
    assertEquals(0, run.exit());
    assertTrue(run.out().startsWith("Usage: asset-gateway"), run.out());
  }

  private static byte[] sealedSecret(String clientId) {
    List<String> hex = fx.ids("SELECT encode(sealed_secret, 'hex') FROM webhook_endpoints WHERE client_id = $1", clientId);
    return HexFormat.of().parseHex(hex.get(0));
  }

}
