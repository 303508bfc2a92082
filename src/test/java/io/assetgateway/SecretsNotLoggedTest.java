package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.client.ApiSecrets;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Poll;
import io.assetgateway.support.Secrets;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs last (see junit-platform.properties): searches everything the test run logged. */
@Order(Integer.MAX_VALUE)
@DisplayName("Secrets never appear in logs or help")
class SecretsNotLoggedTest {

  @Test
  @DisplayName("no API secret, token, JWT secret or wallet master key used in this run appears in its log or access lines")
  void notInLogs() throws Exception {
    Path log = Path.of("target/test-logs/all.log");
    assertTrue(Files.isRegularFile(log), "the test log exists");
    long before = Files.size(log);

    // Activity of its own first, so that even when it runs alone the log it searches has seen secrets go by: a server
    // with a JWT secret and master key of this test, a client, a token, a wallet sealed with that key, and calls
    // with wrong secrets.
    SecureRandom random = new SecureRandom();
    byte[] keyBytes = new byte[32];
    random.nextBytes(keyBytes);
    byte[] jwtBytes = new byte[24];
    random.nextBytes(jwtBytes);
    String masterKey = Secrets.remember(HexFormat.of().formatHex(keyBytes));
    String jwtSecret = Secrets.remember("secrets-test-" + HexFormat.of().formatHex(jwtBytes));
    Set<String> secrets = new HashSet<>(List.of(Base64.getEncoder().encodeToString(keyBytes)));
    int port;
    String walletId;
    // a database of its own: the shared one records the shared master key's check value
    io.assetgateway.config.DatabaseUrl own = io.assetgateway.support.TestDatabase.another();
    // the access lines go to stderr, not through logback: read them there
    io.assetgateway.support.StderrCapture stderr = new io.assetgateway.support.StderrCapture();
    try (stderr; GatewayServer server = GatewayServer.start(TestGateway.config(Map.of("HTTP_PORT", "0", "JWT_SECRET", jwtSecret,
        "WALLET_MASTER_KEY", masterKey, "RATE_LIMIT_ENABLED", "false")).withDatabaseUrl(own))) {
      port = server.port();
      Api api = new Api(port);
      Fixtures.TestClient client = Fixtures.on(own).client();
      String token = api.bearer(client);
      secrets.add(token);
      String wrongSecret = Secrets.remember(ApiSecrets.newApiSecret());
      assertEquals(401, api.token(client.apiKey(), wrongSecret).status(), "right key, wrong secret");
      assertEquals(401, api.token(ApiSecrets.newApiKey(), client.apiSecret()).status(), "unknown key");
      assertEquals(401, api.get(wrongSecret, "/api/v1/wallets").status(), "a secret as a Bearer token");
      Api.Reply created = api.postJson(token, "/api/v1/wallets", new JsonObject().put("wallet_name", "secrets"));
      assertEquals(200, created.status(), created::toString);
      walletId = created.json().getString("wallet_id");
      Poll.until(Duration.ofSeconds(10),
          () -> "ACTIVE".equals(api.get(token, "/api/v1/wallets/" + walletId).json().getString("status")) ? true : null,
          () -> "wallet " + walletId + " ACTIVE");
    } // closed: every line of this activity is written

    byte[] bytes = Files.readAllBytes(log);
    String text = new String(bytes, StandardCharsets.UTF_8);
    String accessLines = String.join("\n", stderr.lines());
    String ours = new String(bytes, (int) before, bytes.length - (int) before, StandardCharsets.UTF_8) + accessLines;
    // and the whole run's stderr, access lines included (surefire keeps each test class's output in a file)
    StringBuilder everything = new StringBuilder(text).append(accessLines);
    Path reports = Path.of("target/surefire-reports");
    if (Files.isDirectory(reports)) {
      try (var outputs = Files.list(reports)) {
        for (Path output : outputs.filter(f -> f.getFileName().toString().endsWith("-output.txt")).toList()) {
          everything.append(Files.readString(output, StandardCharsets.UTF_8));
        }
      }
    }
    assertFalse(text.isBlank(), "the log is not empty");
    for (String line : List.of("asset-gateway listening on port " + port, "\"port\":" + port,
        "wallet " + walletId + " has its keys", "POST /api/v1/auth/token 200", "POST /api/v1/auth/token 401",
        "GET /api/v1/wallets 401", "POST /api/v1/wallets 200")) {
      assertTrue(ours.contains(line), () -> "the log holds this test's own activity: " + line);
    }
    secrets.addAll(Secrets.used());
    secrets.add(TestGateway.JWT_SECRET);
    secrets.add(TestGateway.MASTER_KEY);
    for (String secret : secrets) {
      assertFalse(everything.indexOf(secret) >= 0, () -> "a secret was logged: " + secret.substring(0, 6) + "...");
    }
  }

  @Test
  @DisplayName("--help of every command shows no configured secret")
  void notInHelp() {
    for (List<String> command : List.<List<String>>of(List.of(), List.of("serve"), List.of("clients", "create"),
        List.of("clients", "rotate-secret"), List.of("seed"), List.of("migrate"))) {
      StringWriter out = new StringWriter();
      List<String> args = new java.util.ArrayList<>(command);
      args.add("--help");
      Main.commandLine(() -> TestGateway.config(Map.of())).setOut(new PrintWriter(out)).execute(args.toArray(new String[0]));
      assertTrue(out.toString().startsWith("Usage:"));
      assertFalse(out.toString().contains(TestGateway.JWT_SECRET) || out.toString().contains(TestGateway.MASTER_KEY));
    }
  }
}
