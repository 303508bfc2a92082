package io.assetgateway.web;

import io.assetgateway.metrics.GatewayMetrics;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP errors: the router's failure handler and its 404/405/413/500
 * error handlers all come here. Unexpected failures are logged with the request id and answered with a
 * generic message, never a stack trace or SQL.
 */
public final class ErrorMapping implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
  private final GatewayMetrics metrics;

  public ErrorMapping(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      if (api.error().status() == 401 || api.error() == ApiError.FORBIDDEN) {
        metrics.authFailure(api.error().code());
      }
      Responses.error(ctx, api.error(), api.getMessage());
      return;
    }
    Mapped mapped = map(failure, ctx.statusCode());
    if (mapped.error().status() >= 500) {
      RequestIds.withMdc(ctx, () -> LOG.error("request {} {} {} failed: {}", RequestIds.of(ctx), ctx.request().method(),
          ctx.request().path(), mapped.error().code(), failure));
    }
    Responses.error(ctx, mapped.error(), mapped.message());
  }

  /** The error table for everything that is not already an {@link ApiException}. */
  static Mapped map(Throwable failure, int statusCode) {
    if (failure instanceof DecodeException) {
      return new Mapped(ApiError.BAD_REQUEST, "Request body is not valid JSON");
    }
    if (failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
      // a data exception: the database refused a value that came from the request
      return new Mapped(ApiError.INVALID_PARAMETER, "A value in the request cannot be stored");
    }
    if (isDatabaseUnavailable(failure)) {
      return new Mapped(ApiError.SERVICE_UNAVAILABLE, "Database is unavailable; the request was not applied");
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : statusCode;
    return switch (status) {
      case 400 -> new Mapped(ApiError.BAD_REQUEST, "Bad request");
      case 401 -> new Mapped(ApiError.UNAUTHORIZED, "Authentication required");
      case 403 -> new Mapped(ApiError.FORBIDDEN, "Forbidden");
      case 404 -> new Mapped(ApiError.NOT_FOUND, "Route not found");
      case 405 -> new Mapped(ApiError.METHOD_NOT_ALLOWED, "Method not allowed on this route");
      case 413 -> new Mapped(ApiError.PAYLOAD_TOO_LARGE, "Request body is too large");
      case 415 -> new Mapped(ApiError.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type");
      case 431 -> new Mapped(ApiError.HEADERS_TOO_LARGE, "Request headers are too large");
      case 503 -> new Mapped(ApiError.SERVICE_UNAVAILABLE, "Service unavailable");
      default -> new Mapped(ApiError.INTERNAL_ERROR, "Internal error");
    };
  }

  private static boolean isDatabaseUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClosedConnectionException || t instanceof ConnectException || t instanceof TimeoutException
          || t instanceof io.vertx.core.impl.NoStackTraceTimeoutException) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P") || pg.getSqlState().equals("53300"))) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && (message.contains("wait queue is full") || message.contains("Connection refused"))) {
        return true;
      }
    }
    return false;
  }

  record Mapped(ApiError error, String message) {}
}
