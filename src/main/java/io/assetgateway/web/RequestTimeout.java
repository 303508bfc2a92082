package io.assetgateway.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers 503 a request that is still unanswered after the bound, whatever it waits on. Unlike the stock
 * TimeoutHandler it fails with {@link #EXCEEDED}, so the error table and the idempotency store can tell "the server
 * stopped waiting" (the work may still be running) from a failure of the work itself.
 */
public final class RequestTimeout implements Handler<RoutingContext> {
  /** The failure of a request answered because it ran out of time. */
  public static final RuntimeException EXCEEDED = new Exceeded();

  private final long millis;

  public RequestTimeout(long millis) {
    this.millis = millis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long timer = ctx.vertx().setTimer(millis, t -> {
      if (!ctx.response().ended()) {
        if (!ctx.request().isEnded()) {
          ctx.request().resume(); // a paused body would hold the connection
        }
        ctx.fail(503, EXCEEDED);
      }
    });
    ctx.addEndHandler(v -> ctx.vertx().cancelTimer(timer));
    ctx.next();
  }

  private static final class Exceeded extends RuntimeException {
    Exceeded() {
      super("request timed out", null, false, false);
    }
  }
}
