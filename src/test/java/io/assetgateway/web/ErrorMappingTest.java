package io.assetgateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
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
  @DisplayName("a cancelled statement (57014), a deadlock (40P01) and a serialization failure (40001) are 503 and say nothing was applied")
  void rolledBackIsRetryable() {
    for (String state : new String[] {"57014", "40P01", "40001", "53300"}) {
      PgException rolledBack = new PgException("rolled back", "ERROR", state, null);
      ErrorMapping.Mapped m = ErrorMapping.map(new RuntimeException(rolledBack), -1);
      assertEquals(ApiError.SERVICE_UNAVAILABLE, m.error(), state);
      assertEquals(ErrorMapping.NOT_APPLIED, m.message(), state);
      assertTrue(ErrorMapping.surelyNotApplied(rolledBack), state);
    }
  }

  @Test
  @DisplayName("a 503 says 'not applied' only when nothing reached the database, else that the outcome is unknown")
  void honestServiceUnavailable() {
    assertNotApplied(new ConnectException("Connection refused"));
    assertNotApplied(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 4096"));
    assertNotApplied(new VertxException("Timeout waiting for connection", true));
    ErrorMapping.Mapped shed = ErrorMapping.map(new NotAppliedException("queue is full; not applied"), -1);
    assertEquals(ApiError.SERVICE_UNAVAILABLE, shed.error());
    assertEquals("queue is full; not applied", shed.message());

    for (Throwable unknown : new Throwable[] {new TimeoutException("Timeout after 2500 ms"),
        ClosedConnectionException.INSTANCE, RequestTimeout.EXCEEDED,
        new PgException("terminating connection", "FATAL", "57P01", null)}) {
      ErrorMapping.Mapped m = ErrorMapping.map(unknown, -1);
      assertEquals(ApiError.SERVICE_UNAVAILABLE, m.error(), unknown.toString());
      assertEquals(ErrorMapping.OUTCOME_UNKNOWN, m.message(), unknown.toString());
      assertFalse(ErrorMapping.surelyNotApplied(unknown), unknown.toString());
    }
    assertTrue(ErrorMapping.OUTCOME_UNKNOWN.contains("outcome is unknown"));
    assertTrue(ErrorMapping.OUTCOME_UNKNOWN.contains("Retrying is safe"));
  }

  private static void assertNotApplied(Throwable failure) {
    ErrorMapping.Mapped m = ErrorMapping.map(failure, -1);
    assertEquals(ApiError.SERVICE_UNAVAILABLE, m.error(), failure.toString());
    assertEquals(ErrorMapping.NOT_APPLIED, m.message(), failure.toString());
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
