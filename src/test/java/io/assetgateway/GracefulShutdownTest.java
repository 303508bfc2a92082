package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Graceful shutdown")
class GracefulShutdownTest {

  record Outcome(int status, String body, Throwable failure, boolean afterShutdownBegan) {}

  @Test
  @DisplayName("a real `serve` process stops on SIGTERM with exit code 0")
  void sigtermExitsZero() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // the production logging config: the test one would truncate the run's log that SecretsNotLoggedTest reads
        "-Dlogback.configurationFile=logback.xml",
        "-cp", System.getProperty("java.class.path"), "io.assetgateway.Main", "serve");
    pb.environment().put("DATABASE_URL", io.assetgateway.support.TestDatabase.url().toUrl());
    pb.environment().put("HTTP_PORT", Integer.toString(port));
    pb.environment().put("JWT_SECRET", TestGateway.JWT_SECRET);
    pb.environment().put("WALLET_MASTER_KEY", TestGateway.MASTER_KEY);
    pb.redirectErrorStream(true).redirectOutput(new java.io.File("target/serve-child.log")); // kept for diagnosis
    Process serve = pb.start();
    try {
      Api api = new Api(port);
      boolean up = false;
      for (int i = 0; i < 200 && !up && serve.isAlive(); i++) {
        Thread.sleep(100);
        try {
          up = api.send("GET", "/health", Map.of()).status() == 200;
        } catch (IllegalStateException notYet) {
          // not listening yet
        }
      }
      assertTrue(up, "the server came up");
      serve.destroy(); // SIGTERM
      assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "it stopped");
      assertEquals(0, serve.exitValue());
    } finally {
      serve.destroyForcibly();
    }
  }

  @Test
  @DisplayName("under concurrent load: every accepted request gets a complete answer, and every 200 is in the database")
  void shutdownUnderLoad() throws Exception {
    GatewayServer server = TestGateway.start(Map.of("SHUTDOWN_TIMEOUT_SECONDS", "20"));
    Fixtures fx = Fixtures.get();
    Fixtures.TestClient client = fx.client();
    String token = new Api(server.port()).bearer(client);
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      accounts.add(fx.account(client.clientId(), "ethereum", ChainFamily.EVM));
    }
    String[][] combos = {{"ethereum", "ETH"}, {"ethereum", "USDT"}, {"bsc", "BNB"}, {"polygon", "USDC"}};

    Vertx vertx = Vertx.vertx();
    HttpClient http = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(48));
    AtomicInteger answered = new AtomicInteger();
    CompletableFuture<Void> enoughAnswered = new CompletableFuture<>();
    AtomicBoolean shutdownBegan = new AtomicBoolean();
    List<JsonObject> sent = new ArrayList<>();
    List<Future<Outcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String[] combo = combos[i / accounts.size()];
      JsonObject request = new JsonObject().put("account_id", accounts.get(i % accounts.size()))
          .put("symbol", combo[1]).put("chain", combo[0]);
      sent.add(request);
      String body = request.encode();
      outcomes.add(http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
              .setPort(server.port()).setURI("/api/v1/assets").putHeader("Authorization", "Bearer " + token)
              .putHeader("Content-Type", "application/json"))
          .compose(req -> req.send(body))
          .compose(resp -> resp.body().map(b -> new Outcome(resp.statusCode(), b.toString(), null, shutdownBegan.get())))
          .map(o -> {
            if (answered.incrementAndGet() == 40) {
              enoughAnswered.complete(null);
            }
            return o;
          })
          .recover(e -> Future.succeededFuture(new Outcome(0, null, e, shutdownBegan.get()))));
    }
    enoughAnswered.get(30, TimeUnit.SECONDS);
    shutdownBegan.set(true);
    server.close(); // what SIGTERM does: stop accepting, finish what is in flight, close the pools

    List<Outcome> all = Future.join(outcomes).map(v -> outcomes.stream().map(Future::result).toList())
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    vertx.close();

    // Each request ends in exactly one of these; anything else (another status, a cut-off body, another
    // failure) fails the test at once.
    int ok = 0; // 200 with the complete asset, and its row
    int okAfterShutdownBegan = 0; // of those, answered after server.close() began: they were in flight
    int refused = 0; // connection refused: the server no longer listens
    // sent on a kept-alive connection the server was closing, never read: a clean close, or a reset when the
    // bytes reached a socket already closed
    int closedUnanswered = 0;
    Set<String> answeredIds = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      Outcome o = all.get(i);
      JsonObject request = sent.get(i);
      if (o.failure() == null) {
        assertEquals(200, o.status(), () -> "an accepted request is completed, not refused or failed: " + o);
        JsonObject json = new JsonObject(o.body()); // a complete JSON body
        assertEquals(request.getString("account_id"), json.getString("account_id"), o::toString);
        assertEquals(request.getString("symbol"), json.getString("symbol"), o::toString);
        assertEquals(request.getString("chain"), json.getString("chain"), o::toString);
        assertTrue(answeredIds.add(json.getString("asset_id")), () -> "one asset per answer: " + o);
        ok++;
        okAfterShutdownBegan += o.afterShutdownBegan() ? 1 : 0;
      } else if (o.failure() instanceof ConnectException) {
        assertTrue(o.afterShutdownBegan(), () -> "refused only once the shutdown began: " + o);
        refused++;
      } else if (o.failure() instanceof HttpClosedException || isReset(o.failure())) {
        assertTrue(o.afterShutdownBegan(), () -> "closed only once the shutdown began: " + o);
        closedUnanswered++;
      } else {
        throw new AssertionError("request " + i + " failed in an undocumented way", o.failure());
      }
    }
    System.out.println("graceful shutdown: " + ok + " answered 200 (" + okAfterShutdownBegan
        + " after the shutdown began), " + refused + " refused, " + closedUnanswered + " closed unanswered, of "
        + all.size());
    assertTrue(ok >= 40, "requests answered before the shutdown began are counted: " + ok);
    assertTrue(okAfterShutdownBegan > 0, "requests in flight when the shutdown began were finished, not dropped");
    assertTrue(refused + closedUnanswered > 0, "the shutdown came while requests were still to be sent: " + ok);
    Set<String> rows = new HashSet<>(fx.ids("SELECT asset_id FROM assets WHERE client_id = $1", client.clientId()));
    Set<String> rowsUnanswered = new HashSet<>(rows);
    rowsUnanswered.removeAll(answeredIds);
    Set<String> answersWithoutRow = new HashSet<>(answeredIds);
    answersWithoutRow.removeAll(rows);
    assertEquals(Set.of(), rowsUnanswered, "every row belongs to a 200 (these were written, then never answered)");
    assertEquals(Set.of(), answersWithoutRow, "every 200 is a row");
    assertEquals(ok, rows.size());
  }

  private static boolean isReset(Throwable failure) {
    return failure instanceof java.io.IOException && String.valueOf(failure.getMessage()).contains("Connection reset");
  }
}
