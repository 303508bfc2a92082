package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Pools;
import io.assetgateway.ops.HealthHandler;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("HTTP edges: every error is the JSON body")
class HttpEdgesTest {
  static Api api;
  static String token;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    token = api.bearer(Fixtures.get().client());
  }

  @Test
  @DisplayName("unknown routes are 404 not_found")
  void unknownRoute() {
    assertError(api.send("GET", "/nope", Map.of()), 404, "not_found", "not_found_error");
    assertError(api.send("GET", "/api/v1/unknown", Map.of()), 404, "not_found", "not_found_error");
    assertError(api.post("/api/v2/assets", Map.of(), "{}"), 404, "not_found", "not_found_error");
  }

  @Test
  @DisplayName("a known route with the wrong method is 405")
  void wrongMethod() {
    assertError(api.send("DELETE", "/api/v1/assets", Map.of("Authorization", "Bearer " + token)), 405,
        "method_not_allowed", "invalid_request_error");
    assertError(api.send("POST", "/health", Map.of()), 405, "method_not_allowed", "invalid_request_error");
  }

  @Test
  @DisplayName("a body over 64 KiB is 413 payload_too_large")
  void tooLarge() {
    String big = new JsonObject().put("account_id", "acc").put("symbol", "ETH").put("pad", "x".repeat(70_000)).encode();
    assertError(api.post("/api/v1/assets", Map.of("Authorization", "Bearer " + token), big), 413, "payload_too_large",
        "invalid_request_error");
    String justUnder = new JsonObject().put("account_id", "acc_x").put("symbol", "ETH").put("chain", "ethereum")
        .put("pad", "x".repeat(60_000)).encode();
    assertError(api.post("/api/v1/assets", Map.of("Authorization", "Bearer " + token), justUnder), 404, "not_found",
        "not_found_error");
  }

  @Test
  @DisplayName("oversized headers are 431 and an over-long request line 414, both in the JSON error body")
  void oversizedHeaders() {
    assertError(api.send("GET", "/health", Map.of("X-Padding", "p".repeat(20_000))), 431, "headers_too_large",
        "invalid_request_error");
    assertError(api.send("GET", "/health?q=" + "q".repeat(10_000), Map.of()), 414, "uri_too_long", "invalid_request_error");
  }

  @Test
  @DisplayName("X-Request-Id is echoed when sane and generated otherwise")
  void requestIds() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var echoed = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + TestGateway.shared().port() + "/health"))
        .header("X-Request-Id", "abc-123").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals("abc-123", echoed.headers().firstValue("X-Request-Id").orElse(""));
    var generated = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + TestGateway.shared().port() + "/nope"))
        .header("X-Request-Id", "bad id\twith junk").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    String id = generated.headers().firstValue("X-Request-Id").orElse("");
    assertTrue(id.matches("[0-9a-f]{1,16}"), id);
  }

  @Test
  @DisplayName("GET /health is 200 UP when the database answers")
  void healthUp() {
    Api.Reply reply = api.send("GET", "/health", Map.of());
    assertEquals(200, reply.status());
    assertEquals(new JsonObject().put("status", "UP"), reply.json());
  }

  @Test
  @DisplayName("GET /health is 503 DOWN when the database does not answer")
  void healthDown(Vertx vertx) throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    GatewayConfig config = TestGateway.config(Map.of("DB_CONNECT_TIMEOUT_SECONDS", "2"));
    Pool dead = Pools.create(vertx, new DatabaseUrl("127.0.0.1", deadPort, "x", "x", null), config, 1);
    Router router = Router.router(vertx);
    router.get("/health").handler(new HealthHandler(dead, 2));
    var server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
    Api.Reply reply = new Api(server.actualPort()).send("GET", "/health", Map.of());
    assertEquals(503, reply.status());
    assertEquals(new JsonObject().put("status", "DOWN"), reply.json());
  }
}
