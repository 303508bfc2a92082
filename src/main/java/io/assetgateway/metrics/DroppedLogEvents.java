package io.assetgateway.metrics;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.concurrent.atomic.LongAdder;
import net.logstash.logback.appender.listener.AppenderListener;

/**
 * Counts log lines dropped because their queue was full (the output stalled) or its writer stopping: the server's
 * log events, dropped by the asynchronous appenders of {@code logback.xml} (this listener), and access lines, dropped
 * by the access log's writer ({@link #add}). Logback builds the appenders, and this listener, before any server
 * exists, so the count is per JVM and the metrics registry reads it from here.
 */
public final class DroppedLogEvents implements AppenderListener<ILoggingEvent> {
  private static final LongAdder DROPPED = new LongAdder();

  /** Events dropped so far in this JVM. */
  public static long count() {
    return DROPPED.sum();
  }

  /** {@code lines} access lines dropped. */
  public static void add(long lines) {
    DROPPED.add(lines);
  }

  @Override
  public void eventAppendFailed(Appender<ILoggingEvent> appender, ILoggingEvent event, Throwable reason) {
    DROPPED.increment();
  }
}
