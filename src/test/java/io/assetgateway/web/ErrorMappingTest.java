package io.assetgateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The error table maps failures that are not ApiExceptions")
class ErrorMappingTest {
  @Test
  @DisplayName("anything unexpected is 500 internal_error with a generic message")
  void unexpected() {
    ErrorMapping.Mapped m = ErrorMapping.map(new IllegalStateException("SELECT secret FROM x"), -1);
    assertEquals(ApiError.INTERNAL_ERROR, m.error());
    assertEquals("Internal error", m.message());
    assertEquals(ApiError.INTERNAL_ERROR, ErrorMapping.map(new NullPointerException(), 500).error());
  }

  @Test
  @DisplayName("an unreachable or failing database is 503 service_unavailable")
  void databaseDown() {
    assertEquals(ApiError.SERVICE_UNAVAILABLE, ErrorMapping.map(new RuntimeException(new ConnectException("refused")), -1).error());
    assertEquals(ApiError.SERVICE_UNAVAILABLE, ErrorMapping.map(ClosedConnectionException.INSTANCE, -1).error());
    assertEquals(ApiError.SERVICE_UNAVAILABLE,
        ErrorMapping.map(new PgException("terminating connection", "FATAL", "57P01", null), -1).error());
    assertEquals(ApiError.INTERNAL_ERROR,
        ErrorMapping.map(new PgException("syntax error", "ERROR", "42601", null), -1).error());
    assertEquals(ApiError.INVALID_PARAMETER,
        ErrorMapping.map(new PgException("invalid byte sequence", "ERROR", "22021", null), -1).error(),
        "a value the database refuses is the request's fault, not a 500");
  }

  @Test
  @DisplayName("router statuses and JSON decoding failures keep their meaning")
  void routerStatuses() {
    assertEquals(ApiError.PAYLOAD_TOO_LARGE, ErrorMapping.map(new HttpException(413), -1).error());
    assertEquals(ApiError.NOT_FOUND, ErrorMapping.map(null, 404).error());
    assertEquals(ApiError.METHOD_NOT_ALLOWED, ErrorMapping.map(null, 405).error());
    assertEquals(ApiError.BAD_REQUEST, ErrorMapping.map(new DecodeException("x"), -1).error());
  }
}
