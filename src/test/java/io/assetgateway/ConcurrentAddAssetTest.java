package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Concurrent Add Asset")
class ConcurrentAddAssetTest {

  @Test
  @DisplayName("32 identical requests at once: exactly one 200, 31 asset_already_exists, one row")
  void identicalRequestsRace(Vertx vertx, VertxTestContext test) {
    int port = TestGateway.shared().port();
    Fixtures fx = Fixtures.get();
    Fixtures.TestClient client = fx.client();
    String token = new Api(port).bearer(client);
    String accountId = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
    String body = new JsonObject().put("account_id", accountId).put("symbol", "USDT").put("chain", "ethereum").encode();

    // 32 separate connections, so the requests really are in flight together.
    HttpClient http = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(32));
    List<Future<String>> outcomes = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      outcomes.add(http.request(new RequestOptions().setMethod(HttpMethod.POST).setPort(port).setHost("127.0.0.1")
              .setURI("/api/v1/assets").putHeader("Authorization", "Bearer " + token)
              .putHeader("Content-Type", "application/json"))
          .compose(req -> req.send(body))
          .compose(resp -> resp.body().map(b -> resp.statusCode() == 200
              ? "200" : resp.statusCode() + " " + new JsonObject(b).getString("code"))));
    }
    Future.all(outcomes)
        .compose(all -> vertx.executeBlocking(() -> fx.countAssets(accountId)))
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          Map<String, Integer> counts = new TreeMap<>();
          for (Future<String> f : outcomes) {
            counts.merge(f.result(), 1, Integer::sum);
          }
          assertEquals(Map.of("200", 1, "400 asset_already_exists", 31), counts);
          assertEquals(1L, rows);
          test.completeNow();
        })));
  }
}
