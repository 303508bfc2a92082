package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.assetgateway.support.Api;
import io.assetgateway.support.TestGateway;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Logging cannot stall the event loops")
class LoggingBackpressureTest {

  /** stderr piped to a reader that stopped reading: every write blocks until released. */
  static final class StalledStream extends OutputStream {
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void write(int b) {
      stall();
    }

    @Override
    public void write(byte[] b, int off, int len) {
      stall();
    }

    private void stall() {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void release() {
      released.countDown();
    }
  }

  static double dropped(Api api) {
    return MetricsTest.value(api.send("GET", "/metrics", Map.of()).body(), "log_events_dropped_total");
  }

  @Test
  @DisplayName("with stderr stalled, the access log and the production logging config still let every request answer,"
      + " and count the drops")
  void stalledStderr() throws Exception {
    // a small queue for the access log's writer too, so 300 requests overflow it
    try (GatewayServer server = TestGateway.start(Map.of("ACCESS_LOG_ENABLED", "true", "LOG_QUEUE_SIZE", "64"))) {
      Api api = new Api(server.port());
      double before = dropped(api);
      PrintStream stderr = System.err;
      StalledStream stalled = new StalledStream();
      LoggerContext production = new LoggerContext();
      production.putProperty("LOG_QUEUE_SIZE", "64"); // small queues, so 300 requests overflow them
      List<Runnable> detach = new ArrayList<>();
      System.setErr(new PrintStream(stalled, true));
      try {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(production);
        configurator.doConfigure(getClass().getClassLoader().getResource("logback.xml"));
        // the production appenders, on the same loggers of this JVM's logging
        LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (Logger logger : production.getLoggerList()) {
          for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            Logger target = running.getLogger(logger.getName());
            target.addAppender(appender);
            detach.add(() -> target.detachAppender(appender));
          }
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
          for (int i = 0; i < 300; i++) {
            assertEquals(200, api.send("GET", "/live", Map.of()).status()); // one access line each, on an event loop
            if (i % 50 == 0) {
              org.slf4j.LoggerFactory.getLogger("stall-check").warn("request {}", i); // and logback's queue
            }
          }
        }, "requests stalled behind the log output");
        double after = dropped(api);
        assertTrue(after > before, "dropped lines are counted: " + before + " -> " + after);
      } finally {
        stalled.release();
        System.setErr(stderr);
        detach.forEach(Runnable::run);
        production.stop();
      }
    }
  }
}
