package io.assetgateway.common;

import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.OutputStream;

/**
 * Log lines to standard error, written in batches. Logback's ConsoleAppender writes and flushes every line on its
 * own: one write(2) per line (when the access log still went through logback, that and its JSON encoding were a
 * fifth of the server's CPU under load, measured with perf; the access log now has its own writer, AccessLogWriter). Here consecutive lines gather in a 64 KiB buffer, and the asynchronous appender that
 * feeds this one flushes it whenever it has drained its queue (logstash's {@code DelegatingAsyncDisruptorAppender}
 * flushes delegates that do not flush themselves at the end of each batch): an idle server still writes a line at
 * once, a busy one writes many lines per system call. Only use it behind that asynchronous appender.
 *
 * <p>Bytes go to whatever {@link System#err} is at the time of the write, as with ConsoleAppender.
 */
public final class BatchedStderrAppender<E> extends OutputStreamAppender<E> {
  private static final int BUFFER_BYTES = 64 * 1024;

  @Override
  public void start() {
    setImmediateFlush(false);
    setOutputStream(new BufferedOutputStream(new CurrentStderr(), BUFFER_BYTES));
    super.start();
  }

  /** The current standard error; closing it leaves the process's stream open. */
  private static final class CurrentStderr extends OutputStream {
    @Override
    public void write(int b) {
      System.err.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      System.err.write(bytes, offset, length);
    }

    @Override
    public void flush() {
      System.err.flush();
    }
  }
}
