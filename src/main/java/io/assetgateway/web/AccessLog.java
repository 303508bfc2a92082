package io.assetgateway.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per request when its response ends: method, route template, status, duration, request id, client id.
 * The fields go through the MDC for just that log call (an event loop interleaves requests, so a thread-local
 * context must never outlive the call that sets it).
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> {
      if (!LOG.isInfoEnabled()) {
        return;
      }
      String template = ctx.get(RouteTemplate.KEY);
      String route = template == null ? "-" : template; // "-": no route matched (404, 405)
      Object clientId = Caller.clientId(ctx);
      RequestIds.withMdc(ctx, () -> {
        MDC.put("method", ctx.request().method().name());
        MDC.put("route", route);
        MDC.put("status", Integer.toString(ctx.response().getStatusCode()));
        MDC.put("duration_ms", Long.toString((System.nanoTime() - start) / 1_000_000));
        if (clientId != null) {
          MDC.put("client_id", clientId.toString());
        }
        LOG.info("{} {} {}", ctx.request().method(), route, ctx.response().getStatusCode());
      });
    });
    ctx.next();
  }
}
