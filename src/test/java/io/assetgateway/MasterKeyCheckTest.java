package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.config.ConfigException;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Migrations;
import io.assetgateway.db.Pools;
import io.assetgateway.keys.MasterKey;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.assetgateway.wallet.WalletService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The wallet master key is recorded in the database and cannot be swapped silently")
class MasterKeyCheckTest {
  static final String KEY_A = TestGateway.MASTER_KEY;
  static final String KEY_B = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

  record Run(int exit, String out, String err) {}

  static GatewayConfig config(DatabaseUrl db, String masterKey) {
    io.assetgateway.support.Secrets.remember(masterKey);
    return TestGateway.config(Map.of("HTTP_PORT", "0", "HTTP_INSTANCES", "1", "WALLET_MASTER_KEY", masterKey))
        .withDatabaseUrl(db);
  }

  static Run cli(GatewayConfig config, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(() -> config).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Runs {@code serve}, which must refuse to start (a start would block: the preemptive timeout fails the test). */
  static Run refusedServe(GatewayConfig config) {
    return assertTimeoutPreemptively(Duration.ofSeconds(120), () -> cli(config, "serve"));
  }

  static List<byte[]> recordedChecks(DatabaseUrl db) throws Exception {
    List<byte[]> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT check_value FROM wallet_master_key_check")) {
      while (rs.next()) {
        values.add(rs.getBytes(1));
      }
    }
    return values;
  }

  static long count(DatabaseUrl db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void assertRefusedNamingTheKey(Run run) {
    assertEquals(2, run.exit(), run::toString);
    String line = run.err().strip();
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.startsWith("asset-gateway: WALLET_MASTER_KEY: is not the key this database's wallet seeds are sealed with"),
        line);
  }

  static byte[] check(String hexKey) {
    return MasterKey.checkValue(HexFormat.of().parseHex(hexKey));
  }

  @Test
  @DisplayName("the first start records the key's check value; a start or a seed command with another key exits 2 naming WALLET_MASTER_KEY")
  void anotherKeyIsRefused() throws Exception {
    DatabaseUrl db = TestDatabase.another();
    try (GatewayServer first = GatewayServer.start(config(db, KEY_A))) {
      assertEquals(1, recordedChecks(db).size());
      assertArrayEquals(check(KEY_A), recordedChecks(db).get(0));
    }

    ConfigException refused = assertThrows(ConfigException.class, () -> GatewayServer.start(config(db, KEY_B)).close());
    assertTrue(refused.getMessage().startsWith("WALLET_MASTER_KEY: "), refused::getMessage);
    assertRefusedNamingTheKey(refusedServe(config(db, KEY_B)));

    Run created = cli(config(db, KEY_B), "clients", "create", "--name", "Keys");
    assertEquals(0, created.exit(), created::err); // commands that touch no seed need no key check
    String clientId = new JsonObject(created.out().strip()).getString("client_id");
    assertRefusedNamingTheKey(cli(config(db, KEY_B), "seed", "--client", clientId, "--chain", "tron", "--accounts", "2"));
    assertEquals(0, count(db, "SELECT count(*) FROM wallets"), "nothing was sealed under the wrong key");

    Run seeded = cli(config(db, KEY_A), "seed", "--client", clientId, "--chain", "tron", "--accounts", "2");
    assertEquals(0, seeded.exit(), seeded::err);
    assertEquals(2, seeded.out().lines().count());
    try (GatewayServer again = GatewayServer.start(config(db, KEY_A))) {
      assertArrayEquals(check(KEY_A), recordedChecks(db).get(0), "the recorded value is kept");
    }
  }

  @Test
  @DisplayName("a database sealed before the check existed: the key must open its oldest sealed seed before it is recorded")
  void sealedBeforeTheCheck() throws Exception {
    DatabaseUrl db = TestDatabase.another();
    Run created = cli(config(db, KEY_A), "clients", "create", "--name", "Old");
    String clientId = new JsonObject(created.out().strip()).getString("client_id");
    assertEquals(0, cli(config(db, KEY_A), "seed", "--client", clientId, "--chain", "ethereum", "--accounts", "1").exit());
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM wallet_master_key_check"); // as a database sealed by a build without the check
    }

    ConfigException refused = assertThrows(ConfigException.class, () -> GatewayServer.start(config(db, KEY_B)).close());
    assertTrue(refused.getMessage().contains("cannot open wallet wal_"), refused::getMessage);
    assertEquals(0, recordedChecks(db).size(), "the wrong key is not recorded");

    try (GatewayServer right = GatewayServer.start(config(db, KEY_A))) {
      assertArrayEquals(check(KEY_A), recordedChecks(db).get(0));
    }
  }

  @Test
  @DisplayName("first starts racing with two keys on an empty database: one key is recorded, every start with the other is refused")
  void racingFirstStarts() throws Exception {
    DatabaseUrl db = TestDatabase.another();
    Migrations.apply(db);
    GatewayConfig config = config(db, KEY_A);
    Vertx vertx = Vertx.vertx();
    try {
      List<Pool> pools = new ArrayList<>();
      List<Future<Void>> outcomes = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Pool pool = Pools.create(vertx, db, config, 1);
        pools.add(pool);
        keys.add(i % 2 == 0 ? KEY_A : KEY_B);
      }
      for (int i = 0; i < 8; i++) {
        SeedVault vault = new SeedVault(HexFormat.of().parseHex(keys.get(i)));
        outcomes.add(new WalletService(pools.get(i), null).verifyMasterKey(vault));
      }
      Future.join(outcomes).otherwiseEmpty().await(60, TimeUnit.SECONDS);
      List<byte[]> recorded = recordedChecks(db);
      assertEquals(1, recorded.size());
      String winner = java.util.Arrays.equals(recorded.get(0), check(KEY_A)) ? KEY_A : KEY_B;
      assertArrayEquals(check(winner), recorded.get(0));
      for (int i = 0; i < 8; i++) {
        Future<Void> outcome = outcomes.get(i);
        if (keys.get(i).equals(winner)) {
          assertTrue(outcome.succeeded(), () -> String.valueOf(outcome.cause()));
        } else {
          assertTrue(outcome.failed() && outcome.cause() instanceof ConfigException, () -> String.valueOf(outcome.cause()));
        }
      }
      for (Pool pool : pools) {
        pool.close().await(10, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("with DATABASE_URL set and no WALLET_MASTER_KEY, serve exits 2 naming it, and no key file is generated")
  void externalDatabaseNeedsAKey(@TempDir Path dataDir) {
    Map<String, String> env = new HashMap<>(Map.of("JWT_SECRET", TestGateway.JWT_SECRET, "HTTP_PORT", "0",
        "DATA_DIR", dataDir.toString()));
    GatewayConfig config = GatewayConfig.fromSources(new JsonObject(), env).withDatabaseUrl(TestDatabase.url());
    Run run = refusedServe(config);
    assertEquals(2, run.exit(), run::toString);
    assertTrue(run.err().strip().startsWith("asset-gateway: WALLET_MASTER_KEY: must be set when DATABASE_URL is set"),
        run::err);
    assertFalse(Files.exists(dataDir.resolve("wallet-master.key")));
  }
}
