package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.support.Api;
import io.assetgateway.support.Money;
import io.assetgateway.support.Secrets;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real {@code serve} processes on a database of their own (so nothing else advances its transactions),
 * killed with SIGKILL while transfers move, then started again.
 */
@DisplayName("SIGKILL mid-progress")
class SigkillResumeTest {
  static DatabaseUrl url;

  @BeforeAll
  static void database() throws Exception {
    DatabaseUrl run = TestDatabase.url();
    url = run.withDatabase(run.database() + "_kill");
    try (Connection c = DriverManager.getConnection(run.jdbcUrl(), run.user(), run.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + url.database());
    }
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    DatabaseUrl run = TestDatabase.url();
    try (Connection c = DriverManager.getConnection(run.jdbcUrl(), run.user(), run.password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
    }
  }

  /** The jar's command line on this test's database. */
  static Money.Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(() -> TestGateway.config(Map.of()).withDatabaseUrl(url))
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Money.Run(exit, out.toString(), err.toString());
  }

  static Process serve(int port, int run) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
        "io.assetgateway.Main", "serve");
    pb.environment().put("DATABASE_URL", url.toUrl());
    pb.environment().put("HTTP_PORT", Integer.toString(port));
    pb.environment().put("HTTP_INSTANCES", "1");
    pb.environment().put("JWT_SECRET", TestGateway.JWT_SECRET);
    pb.environment().put("WALLET_MASTER_KEY", TestGateway.MASTER_KEY);
    pb.environment().put("SANDBOX_BLOCK_MILLIS", "100");
    pb.environment().put("RATE_LIMIT_ENABLED", "false");
    pb.redirectErrorStream(true).redirectOutput(new File("target/sigkill-serve-" + run + ".log"));
    Process serve = pb.start();
    Api api = new Api(port);
    for (int i = 0; i < 600 && serve.isAlive(); i++) {
      try {
        if (api.send("GET", "/health", Map.of()).status() == 200) {
          return serve;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    serve.destroyForcibly();
    throw new AssertionError("serve did not come up; see target/sigkill-serve-" + run + ".log");
  }

  static long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String text(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  @DisplayName("every transfer and credit resumes after each kill and settles once: no double debit or credit")
  void killAndResume() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process serve = serve(port, 0);
    List<Process> started = new ArrayList<>(List.of(serve));
    try {
      Api api = new Api(port);
      JsonObject client = cli("clients", "create", "--name", "Kill").json();
      Secrets.remember(client.getString("api_secret"));
      String token = api.token(client.getString("api_key"), client.getString("api_secret")).json().getString("token");
      JsonObject sender = cli("seed", "--client", client.getString("client_id"), "--chain", "ethereum",
          "--accounts", "1").json();
      JsonObject receiver = cli("seed", "--client", client.getString("client_id"), "--chain", "ethereum",
          "--accounts", "1").json();
      for (JsonObject account : List.of(sender, receiver)) {
        assertEquals(200, api.addAsset(token, new JsonObject().put("account_id", account.getString("account_id"))
            .put("symbol", "ETH").put("chain", "ethereum")).status());
      }
      Money.Run deposit = cli("simulate", "deposit", "--chain", "ethereum", "--to", sender.getString("address"),
          "--symbol", "ETH", "--amount", "100");
      assertEquals(0, deposit.exit(), deposit::err);
      Money.awaitStatus(api, token, deposit.json().getString("tx_id"), "CONFIRMED");

      int transfers = 30;
      for (int i = 0; i < transfers; i++) {
        String to = i % 2 == 0 ? receiver.getString("address") : TransferTest.OUTSIDE;
        Api.Reply sent = api.postJson(token, "/api/v1/transfer", new JsonObject()
            .put("from_address", sender.getString("address")).put("to_address", to).put("chain", "ethereum")
            .put("token_symbol", "ETH").put("amount", "1.5"));
        assertEquals(200, sent.status(), sent::toString);
      }
      String settledSql = "SELECT count(*) FROM transactions WHERE status = 'CONFIRMED' AND direction = 'OUTBOUND'";
      for (int kill = 1; kill <= 3; kill++) {
        Thread.sleep(ThreadLocalRandom.current().nextInt(150, 900));
        serve.destroyForcibly(); // SIGKILL: no shutdown hook, transactions in flight die with their connections
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS));
        if (kill == 1) {
          assertTrue(count(settledSql) < transfers, "the first kill came while transfers were still moving");
        }
        long height = count("SELECT height FROM sandbox_chains WHERE chain = 'ethereum'");
        Money.Run verify = cli("ledger", "verify");
        assertEquals(0, verify.exit(), () -> "consistent right after kill: " + verify.out());
        serve = serve(port, kill);
        started.add(serve);
        assertTrue(count("SELECT height FROM sandbox_chains WHERE chain = 'ethereum'") >= height,
            "the chain continues from the height it stopped at");
      }
      for (int i = 0; i < 1200 && count(settledSql) + count("SELECT count(*) FROM transactions WHERE status"
          + " = 'CONFIRMED' AND source_tx_id IS NOT NULL") < transfers + transfers / 2; i++) {
        Thread.sleep(50);
      }
      assertEquals(transfers, count(settledSql), "every transfer resumed and settled");
      assertEquals(transfers / 2, count("SELECT count(*) FROM transactions WHERE source_tx_id IS NOT NULL"
          + " AND status = 'CONFIRMED'"), "every transfer to the server's own address credited its recipient once");
      assertEquals("55", Money.asset(api, token, text("SELECT asset_id FROM assets WHERE account_id = '"
          + sender.getString("account_id") + "'")).getString("balance"), "100 - 30 x 1.5");
      assertEquals("22.5", Money.asset(api, token, text("SELECT asset_id FROM assets WHERE account_id = '"
          + receiver.getString("account_id") + "'")).getString("balance"), "15 x 1.5");
      assertEquals(0, count("SELECT coalesce(sum(locked_balance), 0) FROM assets"));
      assertEquals(1 + transfers * 2 + transfers / 2, count("SELECT count(*) FROM ledger_entries"),
          "one credit for the deposit, a lock and a settlement per transfer, one credit per own-address transfer");
      assertEquals(transfers, count("SELECT count(DISTINCT nonce) FROM transactions WHERE direction = 'OUTBOUND'"));
      Money.Run verify = cli("ledger", "verify");
      assertEquals(0, verify.exit(), verify::out);
    } finally {
      started.forEach(Process::destroyForcibly);
    }
  }
}
