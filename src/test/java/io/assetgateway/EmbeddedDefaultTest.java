package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetgateway.config.GatewayConfig;
import io.assetgateway.support.Api;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("With no DATABASE_URL: the embedded PostgreSQL in the data directory")
class EmbeddedDefaultTest {

  @Test
  @DisplayName("when it cannot start, the command exits 1 with one line telling the user to set DATABASE_URL")
  void cannotStart(@TempDir Path dir) throws Exception {
    Path notADirectory = java.nio.file.Files.writeString(dir.resolve("file"), "x");
    GatewayConfig config = GatewayConfig.fromSources(new JsonObject(), Map.of("DATA_DIR", notADirectory.toString()));
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(() -> config).setErr(new PrintWriter(err)).execute("migrate");
    assertEquals(1, exit);
    String line = err.toString().strip();
    assertEquals(1, line.lines().count(), line);
    org.junit.jupiter.api.Assertions.assertTrue(line.contains("Set DATABASE_URL=postgresql://"), line);
  }

  @Test
  @DisplayName("the CLI uses the running server's database, and a restart keeps every row")
  void restartKeepsRows(@TempDir Path dataDir) throws Exception {
    Map<String, String> env = Map.of("JWT_SECRET", TestGateway.JWT_SECRET, "HTTP_PORT", "0", "HTTP_INSTANCES", "1",
        "DATA_DIR", dataDir.toString(), "WALLET_MASTER_KEY", TestGateway.MASTER_KEY);
    GatewayConfig config = GatewayConfig.fromSources(new JsonObject(), env);
    JsonObject client;
    try (GatewayServer first = GatewayServer.start(config)) {
      io.assetgateway.support.Secrets.remember(first.databaseUrl().password()); // never logged (checked at the end)
      StringWriter out = new StringWriter();
      int exit = Main.commandLine(() -> config).setOut(new PrintWriter(out)).execute("clients", "create", "--name", "Keep");
      assertEquals(0, exit);
      client = new JsonObject(out.toString().strip());
      assertEquals(200, new Api(first.port()).token(client.getString("api_key"), client.getString("api_secret")).status());
    }
    try (GatewayServer second = GatewayServer.start(config)) {
      Api.Reply reply = new Api(second.port()).token(client.getString("api_key"), client.getString("api_secret"));
      assertEquals(200, reply.status(), reply::toString);
      assertEquals(client.getString("client_id"), reply.json().getJsonObject("client").getString("client_id"));
    }
  }
}
