package io.assetgateway.metrics;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.concurrent.atomic.LongAdder;
import net.logstash.logback.appender.listener.AppenderListener;

/**
 * Counts log events the asynchronous appenders of {@code logback.xml} dropped (their queue full because the output
 * stalled, or the appender stopping). Logback builds the appenders, and this listener, before any server exists, so
 * the count is per JVM and the metrics registry reads it from here.
 */
public final class DroppedLogEvents implements AppenderListener<ILoggingEvent> {
  private static final LongAdder DROPPED = new LongAdder();

  /** Events dropped so far in this JVM. */
  public static long count() {
    return DROPPED.sum();
  }

  @Override
  public void eventAppendFailed(Appender<ILoggingEvent> appender, ILoggingEvent event, Throwable reason) {
    DROPPED.increment();
  }
}
