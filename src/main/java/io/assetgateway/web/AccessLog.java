package io.assetgateway.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The one end-of-request hook: the per-route metrics ({@link RequestObserver}) and one access line per request
 * (method, route template, status, duration, request id, client id). One end handler serves both, so a request
 * pays for one. One instance per router, that is per verticle and event loop: its lines are gathered on that event
 * loop ({@link AccessLines}) and written by the shared {@link AccessLogWriter}.
 */
public final class AccessLog implements Handler<RoutingContext> {
  private final AccessLines lines; // null: no access lines
  private final RequestObserver observer; // null: no metrics

  private AccessLog(AccessLines lines, RequestObserver observer) {
    this.lines = lines;
    this.observer = observer;
  }

  /**
   * The hook of one verticle's router, made on that verticle's event loop; null when there is nothing to do
   * ({@code writer} null: access log off; {@code observer} null: metrics off). A line waits at most
   * {@code flushMillis} in this event loop's buffer.
   */
  public static AccessLog create(Vertx vertx, AccessLogWriter writer, boolean jsonLines, long flushMillis,
      RequestObserver observer) {
    if (writer == null && observer == null) {
      return null;
    }
    return new AccessLog(writer == null ? null : new AccessLines(writer, jsonLines, flushMillis, vertx), observer);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> {
      long duration = System.nanoTime() - start;
      String template = ctx.get(RouteTemplate.KEY);
      String route = template == null ? "-" : template; // "-": no route matched (404, 405)
      String method = ctx.request().method().name();
      int status = ctx.response().getStatusCode();
      if (observer != null) {
        observer.requestEnded(method, route, status, duration);
      }
      if (lines != null) {
        lines.append(RequestIds.of(ctx), method, route, status, duration / 1_000_000, Caller.clientId(ctx));
      }
    });
    ctx.next();
  }

  /** On the verticle's stop, after its requests have ended: the lines still gathered go to the writer. */
  public void close() {
    if (lines != null) {
      lines.close();
    }
  }
}
