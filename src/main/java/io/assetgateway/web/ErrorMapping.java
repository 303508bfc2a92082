package io.assetgateway.web;

import io.assetgateway.metrics.GatewayMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.ConnectionPoolTooBusyException;
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
    // shed load (a full queue) is expected under overload and counted by the access log, not an error to log
    if (mapped.error().status() >= 500 && !(failure instanceof NotAppliedException)) {
      RequestIds.withMdc(ctx, () -> LOG.error("request {} {} {} failed: {}", RequestIds.of(ctx), ctx.request().method(),
          ctx.request().path(), mapped.error().code(), failure));
    }
    Responses.error(ctx, mapped.error(), mapped.message());
  }

  /** The 503 message when nothing of the request reached the database, or the database rolled it back. */
  public static final String NOT_APPLIED =
      "The database is unavailable or overloaded; the request was not applied, and retrying later is safe";
  /** The 503 message when the request may have reached the database but its answer did not come back in time. */
  public static final String OUTCOME_UNKNOWN = "The database did not answer in time; the outcome is unknown."
      + " Retrying is safe for Add Asset (an asset is added at most once); retry other POSTs with the same"
      + " Idempotency-Key";

  /** The error table for everything that is not already an {@link ApiException}. */
  static Mapped map(Throwable failure, int statusCode) {
    if (failure instanceof DecodeException) {
      return new Mapped(ApiError.BAD_REQUEST, "Request body is not valid JSON");
    }
    if (failure instanceof NotAppliedException) {
      return new Mapped(ApiError.SERVICE_UNAVAILABLE, failure.getMessage());
    }
    if (failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
      // a data exception: the database refused a value that came from the request
      return new Mapped(ApiError.INVALID_PARAMETER, "A value in the request cannot be stored");
    }
    if (failure == RequestTimeout.EXCEEDED) {
      return new Mapped(ApiError.SERVICE_UNAVAILABLE, OUTCOME_UNKNOWN);
    }
    if (surelyNotApplied(failure)) {
      return new Mapped(ApiError.SERVICE_UNAVAILABLE, NOT_APPLIED);
    }
    if (outcomeUnknown(failure)) {
      return new Mapped(ApiError.SERVICE_UNAVAILABLE, OUTCOME_UNKNOWN);
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
      case 503 -> new Mapped(ApiError.SERVICE_UNAVAILABLE, OUTCOME_UNKNOWN);
      default -> new Mapped(ApiError.INTERNAL_ERROR, "Internal error");
    };
  }

  /**
   * True when the failure proves the request had no effect: it never reached the database (no connection, a full
   * pool queue, refused by our own queue), or the database rolled it back (statement timeout 57014, deadlock 40P01,
   * serialization failure 40001, out of resources 53xxx). Such a 503 can be retried at once.
   */
  public static boolean surelyNotApplied(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NotAppliedException || t instanceof ConnectException
          || t instanceof ConnectionPoolTooBusyException) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null) {
        String state = pg.getSqlState();
        return state.equals("57014") || state.equals("40P01") || state.equals("40001") || state.startsWith("53");
      }
      String message = t.getMessage();
      // the pool gave up waiting for a connection: the statement was never sent
      if (!(t instanceof TimeoutException) && message != null
          && (message.equals("Timeout") || message.startsWith("Timeout waiting for connection")
              || message.contains("Connection refused"))) {
        return true;
      }
    }
    return false;
  }

  /** True when the request may or may not have reached the database: its answer timed out, or its connection died. */
  private static boolean outcomeUnknown(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClosedConnectionException || t instanceof TimeoutException) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  record Mapped(ApiError error, String message) {}
}
