package io.assetgateway.auth;

import io.assetgateway.web.ApiError;
import io.assetgateway.web.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs and verifies the API's HS256 JWTs ({@code sub} = client_id, {@code iat}, {@code exp}, {@code iss}).
 * One instance per verticle: vertx-auth-jwt 5.0 locks on the key while signing and verifying.
 */
public final class TokenService {
  private static final int VERIFIED_CACHE_SIZE = 10_000;
  private final JWTAuth jwt;
  private final JWTOptions signing;
  private final int ttlSeconds;
  /**
   * Tokens already verified, until their exp: clients reuse one token for many calls, and re-checking its
   * HMAC and re-parsing its JSON each time is the largest auth cost on the hot path. Keyed by the whole
   * token string, so only the exact token that passed is let through. Event-loop confined.
   */
  private final Map<String, Verified> verified = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
      return size() > VERIFIED_CACHE_SIZE;
    }
  };

  public TokenService(Vertx vertx, byte[] secret, String issuer, int ttlSeconds, int leewaySeconds) {
    this.ttlSeconds = ttlSeconds;
    this.signing = new JWTOptions().setAlgorithm("HS256").setIssuer(issuer).setExpiresInSeconds(ttlSeconds);
    // Only HS256 is registered, so "none", RS256 and every other algorithm fail verification.
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(secret)))
        // the leeway forgives small clock differences on exp, iat and nbf; none of them is ignored
        .setJWTOptions(new JWTOptions().setIssuer(issuer).setLeeway(leewaySeconds)));
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  /** A signed token for this client, valid for the configured TTL. */
  public String issue(String clientId) {
    return jwt.generateToken(new JsonObject().put("sub", clientId), signing);
  }

  /**
   * Verifies signature, algorithm, issuer and lifetime, and requires {@code sub} and {@code exp}. Fails with
   * {@code token_expired} only for a well-signed token past its {@code exp}; every other defect is
   * {@code invalid_token}.
   */
  public Future<String> verify(String token) {
    Verified hit = verified.get(token);
    if (hit != null) {
      if (System.currentTimeMillis() / 1000 < hit.expiresAt()) {
        return Future.succeededFuture(hit.clientId());
      }
      verified.remove(token);
    }
    return jwt.authenticate(new TokenCredentials(token)).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(isExpired(token, ar.cause().getMessage())
            ? ApiError.TOKEN_EXPIRED.with("Token has expired")
            : ApiError.INVALID_TOKEN.with("Invalid token"));
      }
      JsonObject claims = claims(ar.result());
      Object sub = claims.getValue("sub");
      Object exp = claims.getValue("exp");
      if (!(sub instanceof String s) || s.isEmpty() || !(exp instanceof Number)) {
        return Future.failedFuture(ApiError.INVALID_TOKEN.with("Invalid token: sub and exp are required"));
      }
      verified.put(token, new Verified(s, ((Number) exp).longValue()));
      return Future.succeededFuture(s);
    });
  }

  private static JsonObject claims(User user) {
    JsonObject fromAttributes = user.attributes().getJsonObject("accessToken");
    return fromAttributes != null ? fromAttributes : user.principal();
  }

  /**
   * vertx-auth-jwt reports "token expired" after the signature has been checked, also for iat/nbf in the
   * future; only a passed exp is token_expired.
   */
  private static boolean isExpired(String token, String message) {
    if (message == null || !message.contains("expired")) {
      return false;
    }
    try {
      String payload = token.split("\\.")[1];
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
      Object exp = claims.getValue("exp");
      return exp instanceof Number n && n.longValue() <= System.currentTimeMillis() / 1000;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private record Verified(String clientId, long expiresAt) {}

  static ApiException unauthorized(String message) {
    return ApiError.UNAUTHORIZED.with(message);
  }
}
