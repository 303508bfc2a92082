package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Poll;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Access log and structured logging")
class AccessLogTest {

  @Test
  @DisplayName("one line per request with method, route template, status, duration, request id and client id")
  void accessLines() throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger("access");
    // The event loops append while this thread reads: a concurrent queue, and each event made self-contained
    // (MDC, message, thread) on the thread that logged it, as an asynchronous appender does.
    Queue<ILoggingEvent> lines = new ConcurrentLinkedQueue<>();
    AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        lines.add(event);
      }
    };
    appender.setContext(access.getLoggerContext());
    appender.start();
    access.addAppender(appender);
    try {
      Api api = new Api(TestGateway.shared().port());
      Fixtures.TestClient client = Fixtures.get().client();
      String token = api.bearer(client);
      api.post("/api/v1/assets", Map.of("Authorization", "Bearer " + token, "X-Request-Id", "trace-abc-123"),
          new JsonObject().put("account_id", "acc_nope").put("symbol", "ETH").put("chain", "ethereum").encode());
      api.send("GET", "/no/such/route", Map.of("X-Request-Id", "trace-404"));
      // end handlers run right after the response is written, so the line may come just after the answer
      ILoggingEvent add = awaitLine(lines, "trace-abc-123");
      Map<String, String> mdc = add.getMDCPropertyMap();
      assertEquals("POST", mdc.get("method"));
      assertEquals("/api/v1/assets", mdc.get("route"), "the template, also when the answer is an error");
      assertEquals("404", mdc.get("status"));
      assertEquals(client.clientId(), mdc.get("client_id"));
      assertTrue(Long.parseLong(mdc.get("duration_ms")) >= 0);
      ILoggingEvent unknown = awaitLine(lines, "trace-404");
      assertEquals("-", unknown.getMDCPropertyMap().get("route"), "no route template for an unmatched path");
    } finally {
      access.detachAppender(appender);
      appender.stop();
    }
  }

  private static ILoggingEvent awaitLine(Queue<ILoggingEvent> events, String requestId) {
    return Poll.until(Duration.ofSeconds(10),
        () -> events.stream().filter(e -> requestId.equals(e.getMDCPropertyMap().get("request_id"))).findFirst()
            .orElse(null),
        () -> "no access line for " + requestId + " in " + events);
  }

  @Test
  @DisplayName("LOG_FORMAT picks JSON (default) or text; JSON lines carry the MDC fields")
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
      for (String logger : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "access"}) {
        // every line goes through an asynchronous appender (its own for the access log) to the chosen format
        Iterator<Appender<ILoggingEvent>> attached = context.getLogger(logger).iteratorForAppenders();
        assertTrue(attached.hasNext(), logger);
        Appender<ILoggingEvent> queue = attached.next();
        assertTrue(queue instanceof LoggingEventAsyncDisruptorAppender, logger + ": " + queue);
        assertNotNull(((LoggingEventAsyncDisruptorAppender) queue).getAppender(expected), logger + " " + expected);
        assertFalse(attached.hasNext(), logger + " has one appender");
      }
      context.stop();
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("x",
        context.getLogger("access"), ch.qos.logback.classic.Level.INFO, "GET /x 200", null, null);
    event.setMDCPropertyMap(Map.of("request_id", "r-1"));
    JsonObject line = new JsonObject(new String(encoder.encode(event), StandardCharsets.UTF_8));
    assertEquals("r-1", line.getString("request_id"));
    assertEquals("GET /x 200", line.getString("message"));
    assertEquals("INFO", line.getString("level"));
  }
}
