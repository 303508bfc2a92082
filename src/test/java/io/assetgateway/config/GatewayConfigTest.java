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
    assertEquals(8080, c.httpPort());
    assertEquals(900, c.tokenTtlSeconds());
    assertTrue(c.databaseUrl().isEmpty());
    assertEquals("data", c.dataDir().toString());
    assertTrue(c.jwtSecretGenerated());
    assertTrue(c.jwtSecret().length >= GatewayConfig.MIN_JWT_SECRET_BYTES);
    assertFalse(java.util.Arrays.equals(c.jwtSecret(), of(Map.of()).jwtSecret()), "random per process");
    assertEquals(65536, c.bodyLimitBytes());
  }

  @Test
  @DisplayName("environment variables override the file")
  void environmentWins() {
    JsonObject file = new JsonObject().put("http", new JsonObject().put("port", 9000))
        .put("auth", new JsonObject().put("tokenTtlSeconds", 60));
    GatewayConfig fromFile = GatewayConfig.fromSources(file, Map.of());
    assertEquals(9000, fromFile.httpPort());
    assertEquals(60, fromFile.tokenTtlSeconds());
    GatewayConfig c = GatewayConfig.fromSources(file, Map.of("HTTP_PORT", "9100", "TOKEN_TTL_SECONDS", "120",
        "JWT_SECRET", SECRET, "DATABASE_URL", "postgresql://app:p%40ss@db.example:6543/wallets"));
    assertEquals(9100, c.httpPort());
    assertEquals(120, c.tokenTtlSeconds());
    assertFalse(c.jwtSecretGenerated());
    assertEquals(SECRET, new String(c.jwtSecret(), StandardCharsets.UTF_8));
    DatabaseUrl db = c.databaseUrl().orElseThrow();
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
        "DB_POOL_SIZE", Map.of("DB_POOL_SIZE", "-1"));
    cases.forEach((name, env) -> {
      ConfigException e = assertThrows(ConfigException.class, () -> of(env));
      assertTrue(e.getMessage().startsWith(name + ": "), e::getMessage);
    });
    assertThrows(ConfigException.class, () -> of(Map.of("HTTP_PORT", "70000")));
    assertThrows(ConfigException.class, () -> of(Map.of("DATABASE_URL", "postgresql://localhost:5432/")));
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
}
