package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prometheus metrics")
class MetricsTest {

  static double value(String metrics, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.Ee+-]+)$", Pattern.MULTILINE).matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  @Test
  @DisplayName("requests by route template and status, latency histograms, pool, JVM and domain counters; no ids as labels")
  void scrape() {
    try (GatewayServer server = TestGateway.start(Map.of("RATE_LIMIT_ENABLED", "true",
        "RATE_LIMIT_TOKEN_KEY_PER_SECOND", "1", "RATE_LIMIT_TOKEN_KEY_BURST", "1"))) {
      Api api = new Api(server.port());
      Fixtures fx = Fixtures.get();
      Fixtures.TestClient client = fx.client();
      String token = api.bearer(client);
      String accountId = fx.account(client.clientId(), "tron", ChainFamily.TRON);
      assertEquals(200, api.addAsset(token, new JsonObject().put("account_id", accountId).put("symbol", "TRX")).status());
      assertEquals(404, api.get(token, "/api/v1/assets/ast_01JD3Q0000000000000000000").status());
      assertEquals(401, api.get("not-a-token", "/api/v1/wallets").status());
      assertEquals(429, api.token(client.apiKey(), client.apiSecret()).status(), "burst of 1 already used");

      Api.Reply scrape = api.send("GET", "/metrics", Map.of());
      assertEquals(200, scrape.status());
      assertTrue(scrape.contentType().startsWith("text/plain"), scrape.contentType());
      String m = scrape.body();
      assertEquals(1.0, value(m, "http_server_requests_seconds_count{code=\"200\",method=\"POST\",route=\"/api/v1/assets\"}"));
      assertEquals(1.0, value(m, "http_server_requests_seconds_count{code=\"404\",method=\"GET\",route=\"/api/v1/assets/:asset_id\"}"));
      assertTrue(m.contains("http_server_requests_seconds_bucket{code=\"200\",method=\"POST\",route=\"/api/v1/assets\","),
          "latency buckets by route");
      assertFalse(m.contains("vertx_http_server_requests_total"), "Vert.x's generic HTTP server metrics are off (costly)");
      assertFalse(m.contains(accountId) || m.contains("ast_01JD3Q") || m.contains(client.clientId()), "no ids as labels");
      assertTrue(value(m, "vertx_pool_in_use{pool_name=\"postgresql\",pool_type=\"sql\"}") >= 0);
      assertTrue(m.contains("vertx_pool_queue_pending{pool_name=\"postgresql\""));
      assertTrue(m.contains("vertx_pool_queue_time_seconds"), "pool wait time");
      assertTrue(m.contains("jvm_memory_used_bytes{") && m.contains("jvm_gc_memory_allocated_bytes_total"), "JVM memory and GC");
      assertEquals(1.0, value(m, "assets_added_total{chain=\"tron\",symbol=\"TRX\"}"));
      assertEquals(1.0, value(m, "auth_failures_total{code=\"invalid_token\"}"));
      assertEquals(1.0, value(m, "rate_limit_rejections_total{limit=\"key\"}"));
    }
  }

  @Test
  @DisplayName("the path is configurable and metrics can be switched off")
  void pathAndSwitch() {
    try (GatewayServer custom = TestGateway.start(Map.of("METRICS_PATH", "/internal/prometheus"));
        GatewayServer off = TestGateway.start(Map.of("METRICS_ENABLED", "false"))) {
      assertEquals(200, new Api(custom.port()).send("GET", "/internal/prometheus", Map.of()).status());
      assertEquals(404, new Api(custom.port()).send("GET", "/metrics", Map.of()).status());
      assertEquals(404, new Api(off.port()).send("GET", "/metrics", Map.of()).status());
    }
  }
}
