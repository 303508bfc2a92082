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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Graceful shutdown")
class GracefulShutdownTest {

  record Outcome(int status, String body, Throwable failure) {}

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
    List<Future<Outcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String[] combo = combos[i / accounts.size()];
      String body = new JsonObject().put("account_id", accounts.get(i % accounts.size()))
          .put("symbol", combo[1]).put("chain", combo[0]).encode();
      outcomes.add(http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
              .setPort(server.port()).setURI("/api/v1/assets").putHeader("Authorization", "Bearer " + token)
              .putHeader("Content-Type", "application/json"))
          .compose(req -> req.send(body))
          .compose(resp -> resp.body().map(b -> new Outcome(resp.statusCode(), b.toString(), null)))
          .map(o -> {
            if (answered.incrementAndGet() == 40) {
              enoughAnswered.complete(null);
            }
            return o;
          })
          .recover(e -> Future.succeededFuture(new Outcome(0, null, e))));
    }
    enoughAnswered.get(30, TimeUnit.SECONDS);
    server.close(); // what SIGTERM does: stop accepting, finish what is in flight, close the pools

    List<Outcome> all = Future.join(outcomes).map(v -> outcomes.stream().map(Future::result).toList())
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    vertx.close();

    int ok = 0;
    int refused = 0;
    for (Outcome o : all) {
      if (o.failure() != null) {
        refused++; // never accepted: the connection was refused or closed before the request was read
        continue;
      }
      JsonObject json = new JsonObject(o.body()); // a complete JSON body, whatever the status
      assertTrue(o.status() < 500, () -> "no request lost its database: " + o);
      if (o.status() == 200) {
        ok++;
        assertEquals(1, fx.count("SELECT count(*) FROM assets WHERE asset_id = $1", json.getString("asset_id")));
      } else {
        assertEquals(Set.of("code", "type", "message"), json.fieldNames(), o::toString);
      }
    }
    System.out.println("graceful shutdown: " + ok + " answered 200, " + refused + " never accepted, of " + all.size());
    assertTrue(ok >= 40, "requests answered before the shutdown began are counted: " + ok);
    assertEquals(ok, fx.count("SELECT count(*) FROM assets WHERE client_id = $1", client.clientId()),
        "every row belongs to a 200, every 200 to a row");
    assertEquals(400, ok + refused + (all.size() - ok - refused));
  }
}
