package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.address.Base58;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Command line (same jar)")
class CliTest {
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
  }

  record Run(int exit, String out, String err) {
    List<JsonObject> lines() {
      return out.lines().map(JsonObject::new).toList();
    }
  }

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(() -> TestGateway.config(Map.of()))
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static JsonObject createClient(String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "clients";
    args[1] = "create";
    System.arraycopy(extra, 0, args, 2, extra.length);
    Run run = cli(args);
    assertEquals(0, run.exit(), run::err);
    assertEquals(1, run.out().lines().count(), "one JSON object on one line");
    JsonObject created = new JsonObject(run.out().strip());
    io.assetgateway.support.Secrets.remember(created.getString("api_secret"));
    return created;
  }

  @Test
  @DisplayName("clients create prints the client with a one-time secret that works for a token")
  void createClient() {
    JsonObject c = createClient("--name", "Acme Corp", "--max-wallets", "3");
    assertEquals(Set.of("client_id", "client_name", "api_key", "api_secret", "status", "max_wallets"), c.fieldNames());
    assertTrue(c.getString("client_id").matches("cli_[0-9A-Z]{26}"));
    assertEquals("Acme Corp", c.getString("client_name"));
    assertEquals("ACTIVE", c.getString("status"));
    assertEquals(3, c.getInteger("max_wallets"));
    Api.Reply token = api.token(c.getString("api_key"), c.getString("api_secret"));
    assertEquals(200, token.status());
    assertEquals(3, token.json().getJsonObject("client").getInteger("max_wallets"));
    assertEquals(0, fx.count("SELECT count(*) FROM clients WHERE api_secret_hash = convert_to($1, 'UTF8')",
        c.getString("api_secret")), "the secret itself is not stored");
  }

  @Test
  @DisplayName("--allow-ip takes IPv4 and IPv6 ranges and rejects anything else without creating a client")
  void allowIp() {
    JsonObject c = createClient("--name", "Ranges", "--allow-ip", "10.0.0.0/8", "--allow-ip", "2001:db8::/32");
    assertEquals(List.of("10.0.0.0/8", "2001:db8::/32"), c.getJsonArray("allowed_ips").getList());
    assertError(api.token(c.getString("api_key"), c.getString("api_secret")), 403, "forbidden", "permission_error");
    long before = fx.count("SELECT count(*) FROM clients");
    Run bad = cli("clients", "create", "--name", "Bad", "--allow-ip", "not-an-ip");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--allow-ip"), bad.err());
    assertEquals(before, fx.count("SELECT count(*) FROM clients"));
  }

  @Test
  @DisplayName("clients set-status INACTIVE refuses new tokens; ACTIVE restores them")
  void clientStatus() {
    JsonObject c = createClient("--name", "Toggle");
    String id = c.getString("client_id");
    Run off = cli("clients", "set-status", id, "INACTIVE");
    assertEquals(0, off.exit(), off::err);
    assertEquals("INACTIVE", new JsonObject(off.out().strip()).getString("status"));
    assertError(api.token(c.getString("api_key"), c.getString("api_secret")), 403, "forbidden", "permission_error");
    assertEquals(0, cli("clients", "set-status", id, "ACTIVE").exit());
    Api.Reply again = null;
    for (int i = 0; i < 30; i++) { // credentials are cached for CLIENT_CACHE_MILLIS (300 ms on the test server)
      again = api.token(c.getString("api_key"), c.getString("api_secret"));
      if (again.status() == 200) {
        break;
      }
      sleep(100);
    }
    assertEquals(200, again.status(), again::toString);
    assertEquals(2, cli("clients", "set-status", id, "PAUSED").exit());
    Run missing = cli("clients", "set-status", "cli_nope", "ACTIVE");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("no client cli_nope"), missing.err());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  @DisplayName("clients rotate-secret prints a new secret that works; the old one stops working within seconds")
  void rotateSecret() {
    JsonObject c = createClient("--name", "Rotate");
    Run run = cli("clients", "rotate-secret", c.getString("client_id"));
    assertEquals(0, run.exit(), run::err);
    JsonObject rotated = new JsonObject(run.out().strip());
    assertEquals(Set.of("client_id", "api_key", "api_secret"), rotated.fieldNames());
    assertEquals(c.getString("api_key"), rotated.getString("api_key"));
    assertTrue(!rotated.getString("api_secret").equals(c.getString("api_secret")));
    assertEquals(200, api.token(rotated.getString("api_key"), rotated.getString("api_secret")).status());
    Api.Reply old = null;
    for (int i = 0; i < 30; i++) { // the test server reuses credentials for 300 ms
      old = api.token(c.getString("api_key"), c.getString("api_secret"));
      if (old.status() == 401) {
        break;
      }
      sleep(100);
    }
    assertError(old, 401, "unauthorized", "authentication_error");
    assertEquals(2, cli("clients", "rotate-secret", "cli_nope").exit());
  }

  @Test
  @DisplayName("seed creates ACTIVE wallets and accounts with unique well-formed addresses, usable at once")
  void seed() {
    JsonObject c = createClient("--name", "Load");
    String id = c.getString("client_id");
    Run run = cli("seed", "--client", id, "--chain", "tron", "--accounts", "25", "--wallets", "3");
    assertEquals(0, run.exit(), run::err);
    List<JsonObject> lines = run.lines();
    assertEquals(25, lines.size());
    Set<String> accounts = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    Set<String> wallets = new HashSet<>();
    for (JsonObject line : lines) {
      assertEquals(Set.of("client_id", "wallet_id", "account_id", "chain", "address"), line.fieldNames());
      assertEquals(id, line.getString("client_id"));
      assertEquals("tron", line.getString("chain"));
      accounts.add(line.getString("account_id"));
      addresses.add(line.getString("address"));
      wallets.add(line.getString("wallet_id"));
      assertEquals(0x41, Base58.decodeChecked(line.getString("address"))[0]);
    }
    assertEquals(25, accounts.size());
    assertEquals(25, addresses.size());
    for (int i = 0; i < 3; i++) { // account i is index i / 3 of wallet i % 3: a real derived address
      JsonObject line = lines.get(i);
      assertEquals(io.assetgateway.keys.AddressDerivation.address(io.assetgateway.registry.ChainFamily.TRON,
          fx.seedOf(line.getString("wallet_id")), i / 3), line.getString("address"));
    }
    assertEquals(3, wallets.size());
    assertEquals(25, fx.count("SELECT count(*) FROM accounts WHERE client_id = $1 AND status = 'ACTIVE'", id));
    assertEquals(3, fx.count("SELECT count(*) FROM wallets WHERE client_id = $1 AND status = 'ACTIVE'", id));

    String token = api.bearer(new Fixtures.TestClient(id, c.getString("api_key"), c.getString("api_secret")));
    Api.Reply added = api.addAsset(token, new JsonObject().put("account_id", lines.get(0).getString("account_id"))
        .put("symbol", "USDT"));
    assertEquals(200, added.status(), added::toString);
  }

  @Test
  @DisplayName("seed inserts in batches: 10,000 accounts in one command")
  void seedTenThousand() {
    String id = createClient("--name", "Big").getString("client_id");
    Run run = cli("seed", "--client", id, "--chain", "ethereum", "--accounts", "10000", "--wallets", "10");
    assertEquals(0, run.exit(), run::err);
    assertEquals(10_000, run.out().lines().count());
    assertEquals(10_000, fx.count("SELECT count(DISTINCT address) FROM accounts WHERE client_id = $1", id));
  }

  @Test
  @DisplayName("seed refuses an unknown client or chain")
  void seedRefuses() {
    Run noClient = cli("seed", "--client", "cli_nope", "--chain", "tron", "--accounts", "1");
    assertEquals(2, noClient.exit());
    assertTrue(noClient.err().contains("no client"), noClient.err());
    String id = createClient("--name", "X").getString("client_id");
    Run noChain = cli("seed", "--client", id, "--chain", "dogechain", "--accounts", "1");
    assertEquals(2, noChain.exit());
    assertTrue(noChain.err().contains("--chain must be one of"), noChain.err());
  }

  @Test
  @DisplayName("accounts set-status INACTIVE makes Add Asset answer account_not_active")
  void accountStatus() {
    JsonObject c = createClient("--name", "Acc");
    Run seeded = cli("seed", "--client", c.getString("client_id"), "--chain", "bitcoin", "--accounts", "1");
    String accountId = seeded.lines().get(0).getString("account_id");
    Run off = cli("accounts", "set-status", accountId, "INACTIVE");
    assertEquals(0, off.exit(), off::err);
    assertEquals(new JsonObject().put("account_id", accountId).put("status", "INACTIVE"), new JsonObject(off.out().strip()));
    String token = api.bearer(new Fixtures.TestClient(c.getString("client_id"), c.getString("api_key"),
        c.getString("api_secret")));
    JsonObject body = new JsonObject().put("account_id", accountId).put("symbol", "BTC");
    assertError(api.addAsset(token, body), 400, "account_not_active", "business_error");
    assertEquals(0, cli("accounts", "set-status", accountId, "ACTIVE").exit());
    assertEquals(200, api.addAsset(token, body).status());
    assertEquals(2, cli("accounts", "set-status", "acc_nope", "ACTIVE").exit());
  }

  @Test
  @DisplayName("run as a program with the production logging config, stdout holds only the JSON line (logs go to stderr)")
  void stdoutIsOnlyJson() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
        "io.assetgateway.Main", "clients", "create", "--name", "Piped");
    pb.environment().put("DATABASE_URL", io.assetgateway.support.TestDatabase.url().toUrl());
    pb.environment().put("WALLET_MASTER_KEY", TestGateway.MASTER_KEY);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertEquals(1, out.lines().count(), out);
    JsonObject created = new JsonObject(out.strip());
    io.assetgateway.support.Secrets.remember(created.getString("api_secret"));
    assertEquals("Piped", created.getString("client_name"));
  }

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"", "serve", "migrate", "clients", "clients create", "clients set-status",
      "clients rotate-secret", "clients allowlist", "accounts",
      "accounts set-status", "seed"})
  void help(String command) {
    List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
    args.add("--help");
    Run run = cli(args.toArray(new String[0]));
    assertEquals(0, run.exit());
    assertTrue(run.out().startsWith("Usage: asset-gateway"), run.out());
  }

  @Test
  @DisplayName("migrate reports an up-to-date database")
  void migrate() {
    Run run = cli("migrate");
    assertEquals(0, run.exit(), run::err);
    assertTrue(run.out().contains("is up to date"));
  }
}
