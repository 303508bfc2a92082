package io.assetgateway.idempotency;

import io.assetgateway.web.ApiError;
import io.assetgateway.web.Caller;
import io.assetgateway.web.RequestTimeout;
import io.assetgateway.web.Responses;
import io.assetgateway.web.Route;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} step of an authenticated POST. Without the header it only passes the request on (no
 * database round trip). With it: replays the stored answer ({@code Idempotent-Replayed: true}), refuses a concurrent
 * or different request, or claims the key and stores the answer the route gives. A 5xx answer is not stored: the
 * key is released so that a retry runs again, except when the request was only answered for running out of time
 * (its work may still finish, and then its answer is stored).
 */
public final class IdempotencyHandler implements Handler<RoutingContext> {
  /** Set on a replayed answer. */
  public static final String REPLAYED = "Idempotent-Replayed";
  static final int MAX_KEY_LENGTH = 255;
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyHandler.class);

  private final IdempotencyService service;

  public IdempotencyHandler(IdempotencyService service) {
    this.service = service;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String key = ctx.request().getHeader(Route.IDEMPOTENCY_KEY);
    if (key == null) {
      ctx.next();
      return;
    }
    if (!isValid(key)) {
      ctx.fail(ApiError.INVALID_PARAMETER.with(
          "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters"));
      return;
    }
    String clientId = Caller.clientId(ctx);
    service.claim(clientId, key, requestHash(ctx)).onSuccess(claim -> {
      if (claim instanceof IdempotencyService.Replay replay) {
        ctx.response().putHeader(REPLAYED, "true");
        Responses.json(ctx, replay.status(), replay.body());
      } else if (claim instanceof IdempotencyService.Acquired acquired) {
        if (ctx.response().ended()) {
          // answered (timed out) while the key was being claimed: do not run it
          service.release(clientId, key, acquired.owner());
          return;
        }
        Responses.record(ctx, new KeyRecorder(clientId, key, acquired.owner()));
        ctx.next();
      }
    }).onFailure(ctx::fail);
  }

  static boolean isValid(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** SHA-256 of method, path and body bytes: what "the same request" means. */
  static byte[] requestHash(RoutingContext ctx) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    sha.update((ctx.request().method().name() + " " + ctx.request().path() + "\n").getBytes(StandardCharsets.UTF_8));
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body != null) {
      sha.update(body.getBytes());
    }
    return sha.digest();
  }

  /** Stores the route's answer under the key before it is written, so a retry that follows it finds it. */
  private final class KeyRecorder implements Responses.Recorder {
    private final String clientId;
    private final String key;
    private final UUID owner;

    KeyRecorder(String clientId, String key, UUID owner) {
      this.clientId = clientId;
      this.key = key;
      this.owner = owner;
    }

    @Override
    public Future<Void> beforeSend(RoutingContext ctx, int status, Buffer body) {
      if (status < 500) {
        Responses.stopRecording(ctx);
        return service.complete(clientId, key, owner, status, body)
            .onFailure(e -> LOG.warn("answer to Idempotency-Key not stored (the key frees after its lease): {}",
                e.toString()))
            .mapEmpty();
      }
      if (ctx.failure() == RequestTimeout.EXCEEDED) {
        return Future.succeededFuture(); // still running: its own answer comes later and is stored then
      }
      Responses.stopRecording(ctx);
      // not awaited: a 5xx must not wait on the database it may be reporting as down
      service.release(clientId, key, owner)
          .onFailure(e -> LOG.warn("Idempotency-Key not released (it frees after its lease): {}", e.toString()));
      return Future.succeededFuture();
    }
  }
}
