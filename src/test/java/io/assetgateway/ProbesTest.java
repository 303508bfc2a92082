package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.ops.Probes;
import io.assetgateway.support.Api;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Liveness and readiness")
class ProbesTest {
  static Map<String, String> statuses(JsonObject body) {
    Map<String, String> out = new TreeMap<>();
    JsonArray checks = body.getJsonArray("checks");
    for (int i = 0; i < checks.size(); i++) {
      out.put(checks.getJsonObject(i).getString("id"), checks.getJsonObject(i).getString("status"));
    }
    return out;
  }

  @Test
  @DisplayName("/live and /ready are 200 UP with each check listed")
  void up() {
    Api api = new Api(TestGateway.shared().port());
    Api.Reply live = api.send("GET", "/live", Map.of());
    assertEquals(200, live.status());
    assertEquals("UP", live.json().getString("status"));
    assertEquals(Map.of("event-loop", "UP"), statuses(live.json()));
    Api.Reply ready = api.send("GET", "/ready", Map.of());
    assertEquals(200, ready.status(), ready::toString);
    assertEquals(Map.of("database", "UP", "migrations", "UP", "registry", "UP"), statuses(ready.json()));
  }

  @Test
  @DisplayName("/ready is 503 when the database schema is behind what this build expects")
  void schemaBehind(Vertx vertx) throws Exception {
    Pool pool = PgBuilder.pool().connectingTo(TestDatabase.url().connectOptions()).using(vertx).build();
    Router router = Router.router(vertx);
    router.get("/ready").handler(Probes.readiness(vertx, pool, 2, "99", AssetRegistry.load(Optional.empty())));
    var server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
    Api.Reply ready = new Api(server.actualPort()).send("GET", "/ready", Map.of());
    assertEquals(503, ready.status());
    assertEquals(Map.of("database", "UP", "migrations", "DOWN", "registry", "UP"), statuses(ready.json()));
  }
}
