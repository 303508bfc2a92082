package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Two instances on one database")
class ScaleOutTest {

  @Test
  @DisplayName("a token from one works on the other; 32 identical adds spread over both give exactly one asset")
  void twoInstances() throws Exception {
    Map<String, String> limits = Map.of("RATE_LIMIT_ENABLED", "true", "RATE_LIMIT_CLIENT_PER_SECOND", "1",
        "RATE_LIMIT_CLIENT_BURST", "40");
    try (GatewayServer a = TestGateway.start(limits); GatewayServer b = TestGateway.start(limits)) {
      Fixtures fx = Fixtures.get();
      Fixtures.TestClient client = fx.client();
      Api apiA = new Api(a.port());
      Api apiB = new Api(b.port());
      String token = apiA.bearer(client);
      assertEquals(200, apiB.get(token, "/api/v1/wallets").status(), "same JWT_SECRET: tokens work everywhere");

      String accountId = fx.account(client.clientId(), "ethereum", ChainFamily.EVM);
      JsonObject body = new JsonObject().put("account_id", accountId).put("symbol", "USDT").put("chain", "ethereum");
      // 32 threads of our own (not the common pool, whose size depends on the machine), each held at a start
      // gate until all are ready, so the 32 requests really race over both instances
      ExecutorService threads = Executors.newFixedThreadPool(32);
      try {
        CountDownLatch ready = new CountDownLatch(32);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
          Api target = i % 2 == 0 ? apiA : apiB;
          replies.add(threads.submit(() -> {
            ready.countDown();
            go.await();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
              return target.addAsset(token, body);
            } finally {
              inFlight.decrementAndGet();
            }
          }));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS), "all 32 threads at the start gate");
        go.countDown();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Future<Api.Reply> r : replies) {
          Api.Reply reply = r.get(60, TimeUnit.SECONDS);
          outcomes.merge(reply.status() == 200 ? "200" : reply.code(), 1, Integer::sum);
        }
        assertTrue(maxInFlight.get() > 1, "the requests overlapped: " + maxInFlight.get() + " at most in flight");
        assertEquals(Map.of("200", 1, "asset_already_exists", 31), outcomes);
        assertEquals(1, fx.countAssets(accountId));
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("rate limits are per instance: each one grants a client its own burst")
  void limitsPerInstance() {
    Map<String, String> limits = Map.of("RATE_LIMIT_ENABLED", "true", "RATE_LIMIT_CLIENT_PER_SECOND", "1",
        "RATE_LIMIT_CLIENT_BURST", "3");
    try (GatewayServer a = TestGateway.start(limits); GatewayServer b = TestGateway.start(limits)) {
      Fixtures.TestClient client = Fixtures.get().client();
      String token = new Api(a.port()).bearer(client);
      for (Api api : List.of(new Api(a.port()), new Api(b.port()))) {
        int allowed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
          allowed += api.get(token, "/api/v1/wallets").status() == 200 ? 1 : 0;
        }
        long refilled = (System.nanoTime() - start) / 1_000_000_000L + 1; // at 1 token per second
        assertEquals(true, allowed >= 3 && allowed <= 3 + refilled, "one burst per instance: " + allowed);
      }
    }
  }
}
