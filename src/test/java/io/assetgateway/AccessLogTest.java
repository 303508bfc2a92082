package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Poll;
import io.assetgateway.support.StderrCapture;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Access log and structured logging")
class AccessLogTest {

  @Test
  @DisplayName("one JSON line per request with method, route template, status, duration, request id and client id")
  void accessLines() throws Exception {
    try (StderrCapture stderr = new StderrCapture()) {
      Api api = new Api(TestGateway.shared().port());
      Fixtures.TestClient client = Fixtures.get().client();
      String token = api.bearer(client);
      Instant before = Instant.now().minusMillis(1);
      api.post("/api/v1/assets", Map.of("Authorization", "Bearer " + token, "X-Request-Id", "trace-abc-123"),
          new JsonObject().put("account_id", "acc_nope").put("symbol", "ETH").put("chain", "ethereum").encode());
      api.send("GET", "/no/such/route", Map.of("X-Request-Id", "trace-404"));
      // lines reach stderr in chunks, at the latest 50 ms after they were written
      JsonObject add = awaitJsonLine(stderr, "trace-abc-123");
      assertEquals("POST /api/v1/assets 404", add.getString("message"));
      assertEquals("access", add.getString("logger_name"));
      assertEquals("INFO", add.getString("level"));
      assertTrue(add.getString("thread_name").startsWith("vert.x-eventloop-thread-"), add.encode());
      assertEquals("POST", add.getString("method"));
      assertEquals("/api/v1/assets", add.getString("route"), "the template, also when the answer is an error");
      assertEquals("404", add.getString("status"));
      assertEquals(client.clientId(), add.getString("client_id"));
      assertTrue(Long.parseLong(add.getString("duration_ms")) >= 0);
      Instant at = OffsetDateTime.parse(add.getString("@timestamp")).toInstant();
      assertFalse(at.isBefore(before) || at.isAfter(Instant.now()), at + " is the time of the request");
      JsonObject unknown = awaitJsonLine(stderr, "trace-404");
      assertEquals("-", unknown.getString("route"), "no route template for an unmatched path");
      assertFalse(unknown.containsKey("client_id"), "no caller, no client_id: " + unknown.encode());
      // the same field names as the server's other JSON lines (logback.xml's encoder), so one parser reads all
      Set<String> others = productionJsonLine().fieldNames();
      assertTrue(add.fieldNames().containsAll(others), add.fieldNames() + " has " + others);
    }
  }

  @Test
  @DisplayName("LOG_FORMAT=text writes the access line as logback.xml's text pattern does")
  void textLines() throws Exception {
    Pattern line = Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO  \\[vert\\.x-eventloop-thread-\\d+] access - "
        + "GET /live 200 request_id=trace-text, method=GET, route=/live, status=200, duration_ms=\\d+");
    try (StderrCapture stderr = new StderrCapture();
        GatewayServer server = TestGateway.start(Map.of("LOG_FORMAT", "text"))) {
      new Api(server.port()).send("GET", "/live", Map.of("X-Request-Id", "trace-text"));
      String written = Poll.until(Duration.ofSeconds(10),
          () -> stderr.lines().stream().filter(l -> l.contains("request_id=trace-text")).findFirst().orElse(null),
          () -> "no access line for trace-text");
      assertTrue(line.matcher(written).matches(), written);
    }
  }

  @Test
  @DisplayName("closing the server writes the access lines of its last requests (none waits for a timer)")
  void lastLinesOnClose() throws Exception {
    try (StderrCapture stderr = new StderrCapture()) {
      // lines would wait ten minutes for their timer: only the hand-over on stop can write them
      GatewayServer server = TestGateway.start(Map.of("ACCESS_LOG_FLUSH_MILLIS", "600000"));
      Api api = new Api(server.port());
      for (int i = 0; i < 20; i++) {
        api.send("GET", "/live", Map.of("X-Request-Id", "closing-" + i));
      }
      server.close();
      Set<String> written = stderr.lines().stream().filter(l -> l.contains("\"closing-"))
          .map(l -> new JsonObject(l).getString("request_id")).collect(Collectors.toSet());
      for (int i = 0; i < 20; i++) {
        assertTrue(written.contains("closing-" + i), "closing-" + i + " in " + written);
      }
    }
  }

  private static JsonObject awaitJsonLine(StderrCapture stderr, String requestId) {
    return Poll.until(Duration.ofSeconds(10), () -> {
      for (String line : stderr.lines()) {
        if (line.contains("\"" + requestId + "\"")) {
          try {
            return new JsonObject(line);
          } catch (DecodeException e) {
            throw new AssertionError("not one JSON object: " + line, e);
          }
        }
      }
      return null;
    }, () -> "no access line for " + requestId);
  }

  /** A line of the production logback.xml's JSON encoder, for a request's event (request_id in the MDC). */
  private static JsonObject productionJsonLine() throws Exception {
    LoggerContext context = new LoggerContext();
    try {
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(AccessLogTest.class.getClassLoader().getResource("logback.xml"));
      LoggingEventAsyncDisruptorAppender queue = (LoggingEventAsyncDisruptorAppender) context
          .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("async");
      OutputStreamAppender<ILoggingEvent> json = (OutputStreamAppender<ILoggingEvent>) queue.getAppender("json");
      ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("x",
          context.getLogger("x"), ch.qos.logback.classic.Level.INFO, "hello", null, null);
      event.setMDCPropertyMap(Map.of("request_id", "r-1")); // as ErrorMapping logs a failed request
      return new JsonObject(new String(json.getEncoder().encode(event), StandardCharsets.UTF_8));
    } finally {
      context.stop();
    }
  }

  @Test
  @DisplayName("LOG_FORMAT picks JSON (default) or text for the server's log lines; JSON lines carry the MDC fields")
  void formats() throws Exception {
    for (String format : new String[] {null, "text"}) {
      LoggerContext context = new LoggerContext();
      if (format != null) {
        context.putProperty("LOG_FORMAT", format);
      }
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(getClass().getClassLoader().getResource("logback.xml"));
      String expected = format == null ? "json" : "text";
      // every line goes through an asynchronous appender to the chosen format
      Iterator<Appender<ILoggingEvent>> attached = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          .iteratorForAppenders();
      assertTrue(attached.hasNext());
      Appender<ILoggingEvent> queue = attached.next();
      assertTrue(queue instanceof LoggingEventAsyncDisruptorAppender, queue.toString());
      assertNotNull(((LoggingEventAsyncDisruptorAppender) queue).getAppender(expected), expected);
      assertFalse(attached.hasNext(), "root has one appender");
      context.stop();
    }
    JsonObject line = productionJsonLine();
    assertEquals("hello", line.getString("message"));
    assertEquals("INFO", line.getString("level"));
    assertEquals("r-1", line.getString("request_id"));
    assertEquals(new HashSet<>(List.of("@timestamp", "message", "logger_name", "thread_name", "level", "request_id")),
        line.fieldNames(), "level_value and @version left out");
  }
}
