package io.assetgateway.idempotency;

import io.assetgateway.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * The Idempotency-Key rules: the first request with a key claims it and its answer is stored for the TTL; the same
 * key with the same request replays that answer; with another request it is 422 idempotency_key_reused; while the
 * first still runs it is 409 conflict. The primary key of the stored keys decides between racing requests.
 */
public final class IdempotencyService {
  /** What a request with a key may do. */
  public sealed interface Claim permits Acquired, Replay {}

  /** The key is this request's: run it, then store its answer under {@code owner}. */
  public record Acquired(UUID owner) implements Claim {}

  /** The key was answered already: send this again. */
  public record Replay(int status, Buffer body) implements Claim {}

  private static final int CLAIM_ATTEMPTS = 3;

  private final IdempotencyStorage keys;
  private final int ttlHours;
  private final int leaseSeconds;

  /** Answers are kept {@code ttlHours}; a key whose request never finished is free again after {@code leaseSeconds}. */
  public IdempotencyService(SqlClient db, int ttlHours, int leaseSeconds) {
    this.keys = new IdempotencyStorage(db);
    this.ttlHours = ttlHours;
    this.leaseSeconds = leaseSeconds;
  }

  /**
   * Claims {@code key} for a request whose method, path and body hash to {@code requestHash}; fails with 409 conflict
   * while another request holds the key, and 422 idempotency_key_reused when the key was used for another request.
   */
  public Future<Claim> claim(String clientId, String key, byte[] requestHash) {
    return attempt(clientId, key, requestHash, CLAIM_ATTEMPTS);
  }

  private Future<Claim> attempt(String clientId, String key, byte[] requestHash, int attemptsLeft) {
    UUID owner = UUID.randomUUID();
    return keys.claim(clientId, key, requestHash, owner, leaseSeconds, ttlHours).compose(claimed -> {
      if (claimed) {
        return Future.succeededFuture(new Acquired(owner));
      }
      return keys.find(clientId, key).compose(found -> {
        if (found.isEmpty()) {
          // released (its request failed) or expired between the two statements: claim again
          return attemptsLeft > 1 ? attempt(clientId, key, requestHash, attemptsLeft - 1)
              : Future.failedFuture(ApiError.CONFLICT.with("A request with this Idempotency-Key is in progress"));
        }
        IdempotencyStorage.StoredKey stored = found.get();
        if (!MessageDigest.isEqual(stored.requestHash(), requestHash)) {
          return Future.failedFuture(ApiError.IDEMPOTENCY_KEY_REUSED.with(
              "This Idempotency-Key was used for another request (method, path or body differ)"));
        }
        if (!stored.done()) {
          return Future.failedFuture(ApiError.CONFLICT.with(
              "A request with this Idempotency-Key is still in progress; retry later"));
        }
        return Future.succeededFuture(new Replay(stored.status(), stored.body()));
      });
    });
  }

  /** Stores the answer of the request holding the key; false when the key is no longer its own (lease expired). */
  public Future<Boolean> complete(String clientId, String key, UUID owner, int status, Buffer body) {
    return keys.complete(clientId, key, owner, status, body);
  }

  /** Frees the key without storing an answer, so that a retry runs again. */
  public Future<Void> release(String clientId, String key, UUID owner) {
    return keys.release(clientId, key, owner);
  }

  /** Deletes up to {@code limit} expired keys; how many went. */
  public Future<Integer> deleteExpired(int limit) {
    return keys.deleteExpired(limit);
  }
}
