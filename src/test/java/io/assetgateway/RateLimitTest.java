package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Rate limits")
class RateLimitTest {
  static GatewayServer limited;
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    // slow refill, so no token comes back while a test runs
    limited = TestGateway.start(Map.of("RATE_LIMIT_ENABLED", "true",
        "RATE_LIMIT_TOKEN_KEY_PER_SECOND", "1", "RATE_LIMIT_TOKEN_KEY_BURST", "3",
        "RATE_LIMIT_TOKEN_ADDRESS_PER_SECOND", "1", "RATE_LIMIT_TOKEN_ADDRESS_BURST", "10000",
        "RATE_LIMIT_CLIENT_PER_SECOND", "1", "RATE_LIMIT_CLIENT_BURST", "3"));
    api = new Api(limited.port());
    fx = Fixtures.get();
  }

  @AfterAll
  static void stop() {
    limited.close();
  }

  static void assertLimited(Api.Reply reply, String limit) {
    assertError(reply, 429, "too_many_requests", "rate_limit_error");
    assertTrue(Integer.parseInt(reply.header("Retry-After")) >= 1, reply::toString);
    assertEquals(limit, reply.header("X-RateLimit-Limit"));
    assertEquals("0", reply.header("X-RateLimit-Remaining"));
    assertTrue(Integer.parseInt(reply.header("X-RateLimit-Reset")) >= 1);
  }

  /** Sends until the limit answers 429 (bounded: refills of 1/s cannot outrun 30 quick requests). */
  static Api.Reply untilLimited(java.util.function.Supplier<Api.Reply> call, int expectedStatusBefore) {
    for (int i = 0; i < 30; i++) {
      Api.Reply reply = call.get();
      if (reply.status() == 429) {
        return reply;
      }
      assertEquals(expectedStatusBefore, reply.status(), reply::toString);
    }
    throw new AssertionError("never rate limited");
  }

  @Test
  @DisplayName("token issuance: per API key, wrong secrets count too (brute force), other keys unaffected")
  void perApiKey() {
    Fixtures.TestClient a = fx.client();
    Fixtures.TestClient b = fx.client();
    Api.Reply first = api.token(a.apiKey(), a.apiSecret());
    assertEquals(200, first.status());
    assertEquals("1", first.header("X-RateLimit-Limit"));
    assertLimited(untilLimited(() -> api.token(a.apiKey(), "guess"), 401), "1");
    assertLimited(api.token(a.apiKey(), a.apiSecret()), "1");
    assertEquals(200, api.token(b.apiKey(), b.apiSecret()).status(), "another key has its own bucket");
  }

  @Test
  @DisplayName("token issuance: per caller address, whatever keys it tries")
  void perAddress() {
    // its own server: every test here calls from the same address
    try (GatewayServer server = TestGateway.start(Map.of("RATE_LIMIT_ENABLED", "true",
        "RATE_LIMIT_TOKEN_ADDRESS_PER_SECOND", "1", "RATE_LIMIT_TOKEN_ADDRESS_BURST", "5"))) {
      Api byAddress = new Api(server.port());
      int[] n = {0};
      assertLimited(untilLimited(() -> byAddress.token("ak_unknown_" + n[0]++, "x"), 401), "1");
      assertTrue(n[0] >= 6, "the burst of 5 was allowed first");
    }
  }

  @Test
  @DisplayName("token issuance: a header that cannot be an API key gets no bucket (refused 401 without a look-up)")
  void malformedKeysGetNoBucket() {
    for (String notAKey : new String[] {"k".repeat(8_000), "ak_unknown", "garbage"}) {
      for (int i = 0; i < 6; i++) {
        assertError(api.token(notAKey, "guess"), 401, "unauthorized", "authentication_error"); // key burst is 3
      }
    }
  }

  @Test
  @DisplayName("token issuance: IPv6 callers share their /64's address bucket; ::ffff: forms are the IPv4 address")
  void addressBuckets() {
    try (GatewayServer server = TestGateway.start(Map.of("RATE_LIMIT_ENABLED", "true",
        "RATE_LIMIT_TOKEN_ADDRESS_PER_SECOND", "1", "RATE_LIMIT_TOKEN_ADDRESS_BURST", "5",
        "TRUSTED_PROXIES", "127.0.0.1/32, ::1/128"))) {
      Api proxied = new Api(server.port());
      int[] n = {0};
      assertLimited(untilLimited(() -> tokenFrom(proxied, "2001:db8:aa:bb::" + Integer.toHexString(++n[0])), 401), "1");
      assertEquals(6, n[0], "five addresses of one /64 used its burst of 5");
      assertEquals(401, tokenFrom(proxied, "2001:db8:aa:bc::1").status(), "the next /64 has its own bucket");
      for (int i = 0; i < 5; i++) {
        assertEquals(401, tokenFrom(proxied, "203.0.113.9").status());
      }
      assertLimited(tokenFrom(proxied, "::ffff:203.0.113.9"), "1");
    }
  }

  static Api.Reply tokenFrom(Api api, String forwardedFor) {
    return api.post("/api/v1/auth/token", Map.of("X-API-Key", "ak_unknown", "X-API-Secret", "x",
        "X-Forwarded-For", forwardedFor), "");
  }

  @Test
  @DisplayName("authenticated calls: per client, with the headers on every answer; other clients unaffected")
  void perClient() {
    Fixtures.TestClient a = fx.client();
    Fixtures.TestClient b = fx.client();
    String tokenA = new Api(TestGateway.shared().port()).bearer(a); // issued elsewhere: same secret, same DB
    String tokenB = new Api(TestGateway.shared().port()).bearer(b);
    Api.Reply ok = api.get(tokenA, "/api/v1/wallets");
    assertEquals(200, ok.status());
    assertEquals("1", ok.header("X-RateLimit-Limit"));
    assertTrue(Integer.parseInt(ok.header("X-RateLimit-Remaining")) <= 2);
    assertLimited(untilLimited(() -> api.get(tokenA, "/api/v1/wallets"), 200), "1");
    assertEquals(200, api.get(tokenB, "/api/v1/wallets").status());
  }

  @Test
  @DisplayName("the off switch: no limits and no headers")
  void offSwitch() {
    Api unlimited = new Api(TestGateway.shared().port());
    Fixtures.TestClient c = fx.client();
    String token = unlimited.bearer(c);
    for (int i = 0; i < 30; i++) {
      Api.Reply reply = unlimited.get(token, "/api/v1/wallets");
      assertEquals(200, reply.status());
      assertNull(reply.header("X-RateLimit-Limit"));
    }
  }
}
