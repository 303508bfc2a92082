package io.assetgateway.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;

/** Gives every request an id (the caller's X-Request-Id when it is sane), echoed in the response and logs. */
public final class RequestIds implements Handler<RoutingContext> {
  private static final String KEY = "requestId";
  private static final String HEADER = "X-Request-Id";

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = isSane(given) ? given : Long.toHexString(ThreadLocalRandom.current().nextLong());
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /** Runs a logging action with this request's id (and nothing else of another request) in the MDC. */
  public static void withMdc(RoutingContext ctx, Runnable logging) {
    org.slf4j.MDC.clear();
    org.slf4j.MDC.put("request_id", of(ctx));
    try {
      logging.run();
    } finally {
      org.slf4j.MDC.clear();
    }
  }

  public static String of(RoutingContext ctx) {
    Object id = ctx.get(KEY);
    return id == null ? "-" : id.toString();
  }

  private static boolean isSane(String id) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }
}
