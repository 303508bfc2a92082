package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Authentication")
class AuthTest {
  static Api api;
  static Fixtures fx;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  static String sign(String secret, String algorithm, JsonObject claims, boolean withExp) {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(Buffer.buffer(secret.getBytes(StandardCharsets.UTF_8)))));
    JWTOptions options = new JWTOptions().setAlgorithm(algorithm).setIssuer("asset-gateway");
    if (withExp) {
      options.setExpiresInSeconds(600);
    }
    return jwt.generateToken(claims.copy(), options);
  }

  static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static Api.Reply addAssetWith(String authorization) {
    return api.post("/api/v1/assets", authorization == null ? Map.of() : Map.of("Authorization", authorization),
        new JsonObject().put("account_id", "acc_x").put("symbol", "ETH").put("chain", "ethereum").encode());
  }

  @Nested
  @DisplayName("POST /api/v1/auth/token")
  class TokenEndpoint {
    @Test
    @DisplayName("exchanges key and secret for an HS256 JWT with sub, iat, exp and iss, plus the client")
    void issuesToken() {
      Fixtures.TestClient c = fx.client("Acme Corp", 7, List.of());
      Api.Reply reply = api.token(c.apiKey(), c.apiSecret());
      assertEquals(200, reply.status(), reply::toString);
      JsonObject body = reply.json();
      assertEquals(Set.of("token", "token_type", "expires_in", "client"), body.fieldNames());
      assertEquals("Bearer", body.getString("token_type"));
      assertEquals(900, body.getInteger("expires_in"));
      assertEquals(new JsonObject().put("client_id", c.clientId()).put("client_name", "Acme Corp").put("status", "ACTIVE")
          .put("subscription_tier", "").put("max_wallets", 7), body.getJsonObject("client"));
      String[] parts = body.getString("token").split("\\.");
      assertEquals(3, parts.length);
      JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      assertEquals("HS256", header.getString("alg"));
      assertEquals(c.clientId(), claims.getString("sub"));
      assertEquals("asset-gateway", claims.getString("iss"));
      long now = System.currentTimeMillis() / 1000;
      assertTrue(Math.abs(claims.getLong("iat") - now) < 30);
      assertEquals(900, claims.getLong("exp") - claims.getLong("iat"));
      // and it is accepted as a Bearer token
      assertError(addAssetWith("Bearer " + body.getString("token")), 404, "not_found", "not_found_error");
    }

    @Test
    @DisplayName("missing headers, a wrong secret or an unknown key are 401 unauthorized")
    void badCredentials() {
      Fixtures.TestClient c = fx.client();
      assertError(api.token(null, null), 401, "unauthorized", "authentication_error");
      assertError(api.token(c.apiKey(), null), 401, "unauthorized", "authentication_error");
      assertError(api.token(null, c.apiSecret()), 401, "unauthorized", "authentication_error");
      assertError(api.token(c.apiKey(), c.apiSecret() + "x"), 401, "unauthorized", "authentication_error");
      assertError(api.token("ak_unknown", c.apiSecret()), 401, "unauthorized", "authentication_error");
      Fixtures.TestClient other = fx.client();
      assertError(api.token(c.apiKey(), other.apiSecret()), 401, "unauthorized", "authentication_error");
    }

    @Test
    @DisplayName("with the key's credentials cached, a wrong secret is still 401, and deactivation still lands within seconds")
    void cachedCredentials() throws Exception {
      Fixtures.TestClient c = fx.client();
      assertEquals(200, api.token(c.apiKey(), c.apiSecret()).status());
      assertError(api.token(c.apiKey(), c.apiSecret() + "x"), 401, "unauthorized", "authentication_error");
      assertError(api.token(c.apiKey(), fx.client().apiSecret()), 401, "unauthorized", "authentication_error");
      assertEquals(200, api.token(c.apiKey(), c.apiSecret()).status());
      fx.setClientStatus(c.clientId(), "INACTIVE");
      Api.Reply reply = null;
      for (int i = 0; i < 50; i++) { // the test server caches credentials for 300 ms
        reply = api.token(c.apiKey(), c.apiSecret());
        if (reply.status() == 403) {
          break;
        }
        Thread.sleep(100);
      }
      assertError(reply, 403, "forbidden", "permission_error");
    }

    @Test
    @DisplayName("an INACTIVE client is 403 forbidden, but only once the secret is right")
    void inactiveClient() {
      Fixtures.TestClient c = fx.client();
      fx.setClientStatus(c.clientId(), "INACTIVE");
      assertError(api.token(c.apiKey(), c.apiSecret()), 403, "forbidden", "permission_error");
      assertError(api.token(c.apiKey(), "wrong"), 401, "unauthorized", "authentication_error");
    }

    @Test
    @DisplayName("a client with an IP allowlist gets tokens only from listed addresses")
    void allowlist() {
      Fixtures.TestClient elsewhere = fx.client("Elsewhere", 10, List.of("10.0.0.0/8", "2001:db8::/32"));
      assertError(api.token(elsewhere.apiKey(), elsewhere.apiSecret()), 403, "forbidden", "permission_error");
      Fixtures.TestClient local = fx.client("Local", 10, List.of("10.0.0.0/8", "127.0.0.1/32"));
      assertEquals(200, api.token(local.apiKey(), local.apiSecret()).status());
    }

    @Test
    @DisplayName("wrong method is 405 in the JSON error body")
    void wrongMethod() {
      assertError(api.send("GET", "/api/v1/auth/token", Map.of()), 405, "method_not_allowed", "invalid_request_error");
    }
  }

  @Nested
  @DisplayName("Bearer tokens on /api/v1")
  class Bearer {
    @Test
    @DisplayName("no Authorization header, or not Bearer, is 401 unauthorized")
    void missing() {
      assertError(addAssetWith(null), 401, "unauthorized", "authentication_error");
      assertError(addAssetWith("Basic dXNlcjpwYXNz"), 401, "unauthorized", "authentication_error");
      assertError(addAssetWith("Bearer "), 401, "unauthorized", "authentication_error");
    }

    @Test
    @DisplayName("malformed, unsigned (alg none), wrongly keyed, wrong algorithm or tampered tokens are 401 invalid_token")
    void invalid() {
      Fixtures.TestClient c = fx.client();
      JsonObject claims = new JsonObject().put("sub", c.clientId());
      String good = sign(TestGateway.JWT_SECRET, "HS256", claims, true);
      assertEquals(404, addAssetWith("Bearer " + good).status(), "control: a good token passes auth");

      long exp = System.currentTimeMillis() / 1000 + 600;
      String payload = b64(new JsonObject().put("sub", c.clientId()).put("exp", exp).put("iss", "asset-gateway").encode());
      String[] parts = good.split("\\.");
      List<String> bad = List.of(
          "garbage",
          "a.b.c",
          b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".",
          b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload,
          sign("another-secret-of-at-least-thirty-two-bytes", "HS256", claims, true),
          sign(TestGateway.JWT_SECRET, "HS512", claims, true),
          b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2],
          parts[0] + "." + b64(new JsonObject().put("sub", "cli_someone_else").put("exp", exp).encode()) + "." + parts[2],
          sign(TestGateway.JWT_SECRET, "HS256", claims, false),
          sign(TestGateway.JWT_SECRET, "HS256", new JsonObject(), true),
          sign(TestGateway.JWT_SECRET, "HS256", new JsonObject().put("sub", "cli_01JD3Q0000000000000000000"), true));
      for (int i = 0; i < bad.size(); i++) {
        Api.Reply reply = addAssetWith("Bearer " + bad.get(i));
        assertEquals(401, reply.status(), "forged token #" + i + " " + bad.get(i) + " got " + reply);
        assertError(reply, 401, "invalid_token", "authentication_error");
      }
    }

    @Test
    @DisplayName("header injection: an embedded jwk key or a path-like kid does not choose the verification key")
    void headerInjection() throws Exception {
      Fixtures.TestClient c = fx.client();
      long exp = System.currentTimeMillis() / 1000 + 600;
      String payload = b64(new JsonObject().put("sub", c.clientId()).put("exp", exp).put("iss", "asset-gateway").encode());
      byte[] attackerKey = "attacker-key-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);
      String embedded = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("jwk", new JsonObject()
          .put("kty", "oct").put("k", Base64.getUrlEncoder().withoutPadding().encodeToString(attackerKey))).encode());
      String kid = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", "../../../../dev/null").encode());
      for (String[] forged : new String[][] {{embedded, new String(attackerKey, StandardCharsets.UTF_8)}, {kid, ""}}) {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(forged[1].isEmpty() ? new byte[1] : forged[1].getBytes(StandardCharsets.UTF_8),
            "HmacSHA256"));
        String signingInput = forged[0] + "." + payload;
        String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        assertError(addAssetWith("Bearer " + token), 401, "invalid_token", "authentication_error");
      }
    }

    @Test
    @DisplayName("a well-signed token past exp is 401 token_expired")
    void expired() {
      Fixtures.TestClient c = fx.client();
      long past = System.currentTimeMillis() / 1000 - 60;
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
          .setBuffer(Buffer.buffer(TestGateway.JWT_SECRET.getBytes(StandardCharsets.UTF_8)))));
      String token = jwt.generateToken(new JsonObject().put("sub", c.clientId()).put("iat", past - 900).put("exp", past),
          new JWTOptions().setAlgorithm("HS256").setIssuer("asset-gateway").setNoTimestamp(true));
      assertError(addAssetWith("Bearer " + token), 401, "token_expired", "authentication_error");
    }

    @Test
    @DisplayName("iat or nbf in the future beyond the leeway (5 s) is invalid_token; within it, accepted")
    void timeClaims() {
      Fixtures.TestClient c = fx.client();
      long now = System.currentTimeMillis() / 1000;
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
          .setBuffer(Buffer.buffer(TestGateway.JWT_SECRET.getBytes(StandardCharsets.UTF_8)))));
      JWTOptions raw = new JWTOptions().setAlgorithm("HS256").setIssuer("asset-gateway").setNoTimestamp(true);
      java.util.function.Function<JsonObject, String> sign = claims -> jwt.generateToken(
          claims.put("sub", c.clientId()).put("exp", now + 600), raw);
      assertError(addAssetWith("Bearer " + sign.apply(new JsonObject().put("iat", now + 120))), 401, "invalid_token",
          "authentication_error");
      assertError(addAssetWith("Bearer " + sign.apply(new JsonObject().put("iat", now).put("nbf", now + 120))), 401,
          "invalid_token", "authentication_error");
      assertError(addAssetWith("Bearer " + sign.apply(new JsonObject().put("iat", now + 2))), 404, "not_found",
          "not_found_error");
      assertError(addAssetWith("Bearer " + jwt.generateToken(new JsonObject().put("sub", c.clientId())
          .put("iat", now - 600).put("exp", now - 2), raw)), 404, "not_found", "not_found_error");
    }

    @Test
    @DisplayName("tokens of a client deactivated after issue stop working within seconds (403 forbidden)")
    void deactivatedAfterIssue() throws Exception {
      Fixtures.TestClient c = fx.client();
      String token = api.bearer(c);
      String accountId = fx.account(c.clientId(), "ethereum", ChainFamily.EVM);
      JsonObject body = new JsonObject().put("account_id", accountId).put("symbol", "ETH").put("chain", "ethereum");
      assertEquals(200, api.addAsset(token, body).status());
      fx.setClientStatus(c.clientId(), "INACTIVE");
      Api.Reply reply = null;
      JsonObject onBase = body.copy().put("chain", "base");
      for (int i = 0; i < 50; i++) { // the test server caches status for 300 ms
        reply = api.addAsset(token, onBase);
        if (reply.status() == 403) {
          break;
        }
        Thread.sleep(100);
      }
      assertError(reply, 403, "forbidden", "permission_error");
      Thread.sleep(400); // each event loop has its own cache: by now every one has let the old status go
      long rows = fx.countAssets(accountId);
      assertError(api.addAsset(token, body.copy().put("chain", "optimism")), 403, "forbidden", "permission_error");
      assertEquals(rows, fx.countAssets(accountId), "nothing written once refused");
    }
  }

  @Test
  @DisplayName("with a 1-second TTL, an issued token expires: token_expired")
  void shortTtl() throws Exception {
    try (var server = TestGateway.start(Map.of("TOKEN_TTL_SECONDS", "1", "JWT_LEEWAY_SECONDS", "0"))) {
      Api shortLived = new Api(server.port());
      Fixtures.TestClient c = fx.client();
      Api.Reply issued = shortLived.token(c.apiKey(), c.apiSecret());
      assertEquals(1, issued.json().getInteger("expires_in"));
      String token = issued.json().getString("token");
      Api.Reply reply = null;
      for (int i = 0; i < 40; i++) {
        Thread.sleep(250);
        reply = shortLived.addAsset(token, new JsonObject().put("account_id", "acc_x").put("symbol", "ETH"));
        if (reply.status() == 401) {
          break;
        }
      }
      assertError(reply, 401, "token_expired", "authentication_error");
    }
  }
}
