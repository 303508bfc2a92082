package io.assetgateway.web;

import io.assetgateway.metrics.DroppedLogEvents;
import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the access lines of all event loops to standard error, on a thread of its own. The event loops hand it
 * chunks of whole lines, already encoded ({@link AccessLines}), so this thread only makes system calls: one
 * {@code write(2)} per chunk of up to ~32 KiB, never a call per line, and no per-line objects cross between cores.
 *
 * <p>It never makes an event loop wait. At most {@code maxWaitingLines} lines (LOG_QUEUE_SIZE) wait for stderr;
 * when stderr stalls and that many wait, a new chunk is dropped at once and its lines are counted in
 * {@code log_events_dropped_total}. Bytes go to whatever {@link System#err} is at the time of the write.
 */
public final class AccessLogWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLogWriter.class);
  /** How long closing waits for the waiting lines to be written (stderr may be stalled). */
  private static final long CLOSE_GRACE_MILLIS = 2_000;

  private record Chunk(byte[] bytes, int lines) {}

  private static final Chunk END = new Chunk(new byte[0], 0);

  private final int maxWaitingLines;
  private final AtomicInteger waitingLines = new AtomicInteger();
  private final BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  private AccessLogWriter(int maxWaitingLines) {
    this.maxWaitingLines = maxWaitingLines;
    this.thread = new Thread(this::run, "access-log-writer");
    thread.setDaemon(true); // a stalled stderr must not keep the JVM alive; close() writes what it can first
  }

  /** A writer with its thread running. */
  public static AccessLogWriter start(int maxWaitingLines) {
    AccessLogWriter writer = new AccessLogWriter(maxWaitingLines);
    writer.thread.start();
    return writer;
  }

  /** Queues {@code lines} whole lines (the array is handed over, not copied); never blocks. */
  void submit(byte[] bytes, int lines) {
    if (closed) {
      DroppedLogEvents.add(lines);
      return;
    }
    if (waitingLines.addAndGet(lines) > maxWaitingLines) {
      waitingLines.addAndGet(-lines);
      DroppedLogEvents.add(lines);
      return;
    }
    chunks.add(new Chunk(bytes, lines));
  }

  private void run() {
    try {
      while (true) {
        Chunk chunk = chunks.take();
        PrintStream err = System.err;
        // everything already queued goes out before the one flush: under load, several chunks per wake-up
        do {
          if (chunk == END) {
            err.flush();
            return;
          }
          waitingLines.addAndGet(-chunk.lines());
          err.write(chunk.bytes(), 0, chunk.bytes().length); // PrintStream: an I/O error sets its flag, never throws
        } while ((chunk = chunks.poll()) != null);
        err.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Writes the lines already handed over (waiting up to two seconds for a stalled stderr), then stops the thread.
   * Call it after the event loops have flushed their own lines (the HTTP verticles do on stop).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    chunks.add(END);
    try {
      thread.join(CLOSE_GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("access log: stderr did not take the last {} lines within {} ms", waitingLines.get(), CLOSE_GRACE_MILLIS);
    }
  }
}
