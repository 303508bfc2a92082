package io.assetgateway.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one end-of-request hook: the per-route metrics ({@link RequestObserver}) and one access line per request
 * (method, route template, status, duration, request id, client id). One end handler serves both, so a request
 * pays for one. The fields go through the MDC for just that log call (an event loop interleaves requests, so a
 * thread-local context must never outlive the call that sets it).
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("access");
  private final boolean logLines;
  private final RequestObserver observer;

  /** {@code observer} may be null (metrics off); {@code logLines} false keeps only the metrics. */
  public AccessLog(boolean logLines, RequestObserver observer) {
    this.logLines = logLines;
    this.observer = observer;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> {
      long duration = System.nanoTime() - start;
      String template = ctx.get(RouteTemplate.KEY);
      String route = template == null ? "-" : template; // "-": no route matched (404, 405)
      if (observer != null) {
        observer.requestEnded(ctx.request().method().name(), route, ctx.response().getStatusCode(), duration);
      }
      if (!logLines || !LOG.isInfoEnabled()) {
        return;
      }
      Object clientId = Caller.clientId(ctx);
      RequestIds.withMdc(ctx, () -> {
        MDC.put("method", ctx.request().method().name());
        MDC.put("route", route);
        MDC.put("status", Integer.toString(ctx.response().getStatusCode()));
        MDC.put("duration_ms", Long.toString(duration / 1_000_000));
        if (clientId != null) {
          MDC.put("client_id", clientId.toString());
        }
        LOG.info("{} {} {}", ctx.request().method(), route, ctx.response().getStatusCode());
      });
    });
    ctx.next();
  }
}
