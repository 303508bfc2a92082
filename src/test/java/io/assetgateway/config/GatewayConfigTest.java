package io.assetgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.Main;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration")
class GatewayConfigTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";

  static GatewayConfig of(Map<String, String> env) {
    return GatewayConfig.fromSources(new JsonObject(), env);
  }

  @Test
  @DisplayName("defaults: port 8080, 900 s tokens, embedded database in ./data, a random 32+ byte secret")
  void defaults() {
    GatewayConfig c = of(Map.of());
    assertEquals(8080, c.http().port());
    assertEquals(900, c.auth().tokenTtlSeconds());
    assertTrue(c.database().url().isEmpty());
    assertEquals("data", c.database().dataDir().toString());
    assertTrue(c.auth().jwtSecretGenerated());
    assertTrue(c.auth().jwtSecret().length >= GatewayConfig.MIN_JWT_SECRET_BYTES);
    assertFalse(java.util.Arrays.equals(c.auth().jwtSecret(), of(Map.of()).auth().jwtSecret()), "random per process");
    assertEquals(65536, c.http().bodyLimitBytes());
    assertEquals(75, c.http().idleTimeoutSeconds());
    assertEquals(4096, c.http().maxConnections());
    assertTrue(c.http().management().isEmpty(), "one listener unless MANAGEMENT_PORT is set");
    assertEquals(new GatewayConfig.Management(9090, "127.0.0.1"), of(Map.of("MANAGEMENT_PORT", "9090")).http().management().orElseThrow());
    assertEquals(50_000, c.limits().maxKeys());
    assertEquals(8192, c.logging().queueSize());
    assertThrows(ConfigException.class, () -> of(Map.of("LOG_QUEUE_SIZE", "1000")), "the queue is a ring: a power of two");
    assertEquals(GatewayConfig.LogFormat.JSON, c.logging().format());
    assertEquals(GatewayConfig.LogFormat.TEXT, of(Map.of("LOG_FORMAT", "text")).logging().format());
    assertThrows(ConfigException.class, () -> of(Map.of("LOG_FORMAT", "xml")), "logback would write nothing at all");
    assertEquals(1000, c.chains().sandboxBlockMillis(), "a sandbox block a second");
  }

  @Test
  @DisplayName("SANDBOX_BLOCK_MILLIS sets the sandbox chain's block interval, from 10 ms; it is described at start")
  void sandboxBlockMillis() {
    assertEquals(50, of(Map.of("SANDBOX_BLOCK_MILLIS", "50")).chains().sandboxBlockMillis());
    assertEquals(250, GatewayConfig.fromSources(new JsonObject().put("chains",
        new JsonObject().put("sandboxBlockMillis", 250)), Map.of()).chains().sandboxBlockMillis());
    ConfigException e = assertThrows(ConfigException.class, () -> of(Map.of("SANDBOX_BLOCK_MILLIS", "5")));
    assertTrue(e.getMessage().startsWith("SANDBOX_BLOCK_MILLIS"), e::getMessage);
    assertThrows(ConfigException.class, () -> of(Map.of("SANDBOX_BLOCK_MILLIS", "fast")));
    assertEquals(50, of(Map.of("SANDBOX_BLOCK_MILLIS", "50")).describe().getJsonObject("chains")
        .getInteger("sandboxBlockMillis"));
  }

  @Test
  @DisplayName("environment variables override the file")
  void environmentWins() {
    JsonObject file = new JsonObject().put("http", new JsonObject().put("port", 9000))
        .put("auth", new JsonObject().put("tokenTtlSeconds", 60));
    GatewayConfig fromFile = GatewayConfig.fromSources(file, Map.of());
    assertEquals(9000, fromFile.http().port());
    assertEquals(60, fromFile.auth().tokenTtlSeconds());
    GatewayConfig c = GatewayConfig.fromSources(file, Map.of("HTTP_PORT", "9100", "TOKEN_TTL_SECONDS", "120",
        "JWT_SECRET", SECRET, "DATABASE_URL", "postgresql://app:p%40ss@db.example:6543/wallets"));
    assertEquals(9100, c.http().port());
    assertEquals(120, c.auth().tokenTtlSeconds());
    assertFalse(c.auth().jwtSecretGenerated());
    assertEquals(SECRET, new String(c.auth().jwtSecret(), StandardCharsets.UTF_8));
    DatabaseUrl db = c.database().url().orElseThrow();
    assertEquals(new DatabaseUrl("db.example", 6543, "wallets", "app", "p@ss"), db);
    assertEquals("postgresql://app:***@db.example:6543/wallets", db.redacted());
    assertFalse(c.toString().contains("p@ss") || c.toString().contains(SECRET));
  }

  @Test
  @DisplayName("a bad setting fails with a message that starts with its name")
  void badSettingsNameThemselves() {
    Map<String, Map<String, String>> cases = Map.of(
        "JWT_SECRET", Map.of("JWT_SECRET", "too-short"),
        "HTTP_PORT", Map.of("HTTP_PORT", "eighty"),
        "TOKEN_TTL_SECONDS", Map.of("TOKEN_TTL_SECONDS", "0"),
        "DATABASE_URL", Map.of("DATABASE_URL", "mysql://root@localhost/db"),
        "DB_POOL_SIZE", Map.of("DB_POOL_SIZE", "-1"),
        "HTTP_IDLE_TIMEOUT_SECONDS", Map.of("HTTP_IDLE_TIMEOUT_SECONDS", "6"), // not above DB_CONNECT_TIMEOUT_SECONDS + 1
        "HTTP_MAX_CONNECTIONS", Map.of("HTTP_MAX_CONNECTIONS", "-1"),
        "MANAGEMENT_PORT", Map.of("MANAGEMENT_PORT", "8080"), // the API's port
        "MANAGEMENT_BIND", Map.of("MANAGEMENT_PORT", "9090", "MANAGEMENT_BIND", "localhost"),
        "RATE_LIMIT_MAX_KEYS", Map.of("RATE_LIMIT_MAX_KEYS", "10"));
    cases.forEach((name, env) -> {
      ConfigException e = assertThrows(ConfigException.class, () -> of(env));
      assertTrue(e.getMessage().startsWith(name + ": "), e::getMessage);
    });
    assertThrows(ConfigException.class, () -> of(Map.of("HTTP_PORT", "70000")));
    assertThrows(ConfigException.class, () -> of(Map.of("DATABASE_URL", "postgresql://localhost:5432/")));
  }

  @Test
  @DisplayName("overload and idempotency knobs: defaults, and the key lease must outlast the request timeout")
  void overloadAndIdempotencyKnobs() {
    GatewayConfig c = of(Map.of());
    assertEquals(1024, c.database().assetQueueMax());
    assertEquals(500, c.database().assetQueueMaxWaitMillis());
    assertEquals(6_000, c.database().requestTimeoutMillis(), "DB_CONNECT_TIMEOUT_SECONDS + 1 s");
    assertEquals(new GatewayConfig.Idempotency(24, 60, 60_000), c.idempotency());
    GatewayConfig set = of(Map.of("ASSET_QUEUE_MAX", "64", "ASSET_QUEUE_MAX_WAIT_MILLIS", "250",
        "IDEMPOTENCY_TTL_HOURS", "48", "IDEMPOTENCY_LEASE_SECONDS", "7", "IDEMPOTENCY_SWEEP_MILLIS", "1000"));
    assertEquals(64, set.database().assetQueueMax());
    assertEquals(250, set.database().assetQueueMaxWaitMillis());
    assertEquals(new GatewayConfig.Idempotency(48, 7, 1000), set.idempotency());
    Map<String, Map<String, String>> cases = Map.of(
        "ASSET_QUEUE_MAX", Map.of("ASSET_QUEUE_MAX", "0"),
        "ASSET_QUEUE_MAX_WAIT_MILLIS", Map.of("ASSET_QUEUE_MAX_WAIT_MILLIS", "0"),
        "IDEMPOTENCY_TTL_HOURS", Map.of("IDEMPOTENCY_TTL_HOURS", "0"),
        "IDEMPOTENCY_LEASE_SECONDS", Map.of("IDEMPOTENCY_LEASE_SECONDS", "6"),
        "IDEMPOTENCY_SWEEP_MILLIS", Map.of("IDEMPOTENCY_SWEEP_MILLIS", "10"));
    cases.forEach((name, env) -> {
      ConfigException e = assertThrows(ConfigException.class, () -> of(env));
      assertTrue(e.getMessage().startsWith(name + ": "), e::getMessage);
    });
  }

  @Test
  @DisplayName("the jar refuses to start on bad config with one line naming the setting, exit code 2")
  void startupLine() {
    StringWriter err = new StringWriter();
    int code = Main.commandLine(() -> of(Map.of("JWT_SECRET", "short")))
        .setErr(new PrintWriter(err)).execute("serve");
    assertEquals(2, code);
    String printed = err.toString().strip();
    assertEquals(1, printed.lines().count(), printed);
    assertTrue(printed.startsWith("asset-gateway: JWT_SECRET: must be at least 32 bytes"), printed);
  }

  @Test
  @DisplayName("vertx-config: conf/config.json, then --conf (nested sections merge), then the environment")
  void layeredSources(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path extra = java.nio.file.Files.writeString(dir.resolve("extra.json"),
        "{\"http\": {\"port\": 9999}, \"auth\": {\"tokenTtlSeconds\": 60}}");
    GatewayConfig c = GatewayConfig.load(java.util.Optional.of(extra));
    assertEquals(9999, c.http().port(), "from --conf");
    assertEquals(60, c.auth().tokenTtlSeconds(), "from --conf");
    assertEquals(16, c.database().poolSize(), "the rest of conf/config.json survives the merge");
    assertEquals(65536, c.http().bodyLimitBytes(), "a sibling in the same section survives too");

    ConfigException missing = assertThrows(ConfigException.class,
        () -> GatewayConfig.load(java.util.Optional.of(dir.resolve("nope.json"))));
    assertTrue(missing.getMessage().startsWith("--conf: no such file"), missing::getMessage);
    java.nio.file.Path broken = java.nio.file.Files.writeString(dir.resolve("broken.json"), "{not json");
    ConfigException bad = assertThrows(ConfigException.class, () -> GatewayConfig.load(java.util.Optional.of(broken)));
    assertTrue(bad.getMessage().startsWith(broken.toString()), bad::getMessage);
  }

  @Test
  @DisplayName("the effective configuration logged at start masks every secret")
  void describeMasksSecrets() {
    GatewayConfig c = of(Map.of("JWT_SECRET", SECRET, "WALLET_MASTER_KEY", "ab".repeat(32),
        "DATABASE_URL", "postgresql://app:hunter2@db:5432/x"));
    String described = c.describe().encode();
    assertFalse(described.contains(SECRET) || described.contains("ab".repeat(32)) || described.contains("hunter2"),
        described);
    assertTrue(described.contains("postgresql://app:***@db:5432/x"));
  }

  @Test
  @DisplayName("--conf is accepted by every command")
  void confOnEveryCommand() {
    for (String[] args : new String[][] {{"--conf", "a.json"}, {"clients", "create", "--name", "x", "--conf", "b.json"},
        {"seed", "--conf", "c.json", "--client", "c", "--chain", "tron", "--accounts", "1"}}) {
      picocli.CommandLine cli = io.assetgateway.MainAccess.standard();
      cli.parseArgs(args);
      assertEquals(java.nio.file.Path.of(args[java.util.Arrays.asList(args).indexOf("--conf") + 1]),
          io.assetgateway.MainAccess.conf(cli));
    }
  }
}
