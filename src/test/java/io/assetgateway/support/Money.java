package io.assetgateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetgateway.Main;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The money path as tests drive it: the CLI's simulate and ledger commands, and waiting on transactions. */
public final class Money {
  private Money() {}

  /** Exit code, stdout and stderr of one CLI run. */
  public record Run(int exit, String out, String err) {
    public JsonObject json() {
      return new JsonObject(out.strip());
    }
  }

  /** Runs the jar's command line in this JVM against the test database. */
  public static Run cli(String... args) {
    return cli(Map.of(), args);
  }

  /** The same with some environment variables set. */
  public static Run cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(() -> TestGateway.config(env))
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** An ACTIVE account of a new client with one asset (balance 0); its ids, address and the client's token. */
  public record Holder(Fixtures.TestClient client, String token, String accountId, String walletId, String address,
      String assetId) {}

  /** A {@link Holder} of {@code symbol} (on {@code assetChain}, or none for a non-EVM account) made through the API. */
  public static Holder holder(Api api, Fixtures fx, String accountChain, String assetChain, String symbol) {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    String accountId = fx.account(client.clientId(), accountChain, io.assetgateway.registry.ChainFamily.EVM);
    JsonObject account = api.get(token, "/api/v1/accounts/" + accountId).json();
    JsonObject body = new JsonObject().put("account_id", accountId).put("symbol", symbol);
    if (assetChain != null) {
      body.put("chain", assetChain);
    }
    Api.Reply asset = api.addAsset(token, body);
    assertEquals(200, asset.status(), asset::toString);
    return new Holder(client, token, accountId, account.getString("wallet_id"), account.getString("address"),
        asset.json().getString("asset_id"));
  }

  /** {@code simulate deposit}; asserts it succeeded and returns the printed transaction. */
  public static JsonObject deposit(String chain, String to, String symbol, String amount) {
    Run run = cli("simulate", "deposit", "--chain", chain, "--to", to, "--symbol", symbol, "--amount", amount);
    assertEquals(0, run.exit(), run::err);
    assertEquals(1, run.out().lines().count(), "one JSON line");
    return run.json();
  }

  /** {@code ledger verify}; asserts it found the ledger consistent. */
  public static JsonObject verifyLedger() {
    Run run = cli("ledger", "verify");
    assertEquals(0, run.exit(), () -> "ledger verify: " + run.out() + run.err());
    return run.json();
  }

  /** Polls the transaction until it has this status; returns every distinct status seen, in order, ending there. */
  public static List<String> awaitStatus(Api api, String token, String txId, String status) {
    List<String> seen = new ArrayList<>();
    JsonObject last = null;
    for (int i = 0; i < 1200; i++) {
      Api.Reply reply = api.get(token, "/api/v1/transactions/" + txId);
      assertEquals(200, reply.status(), reply::toString);
      last = reply.json();
      String now = last.getString("status");
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
        seen.add(now);
      }
      if (now.equals(status)) {
        return seen;
      }
      if (now.equals("FAILED") || now.equals("CONFIRMED")) {
        break;
      }
      sleep(25);
    }
    throw new AssertionError("transaction " + txId + " did not reach " + status + " (seen " + seen + "): " + last);
  }

  /** The asset as the API shows it. */
  public static JsonObject asset(Api api, String token, String assetId) {
    Api.Reply reply = api.get(token, "/api/v1/assets/" + assetId);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
