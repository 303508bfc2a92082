package io.assetgateway.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what another thread produces: polls until it is there or a deadline passes (no fixed sleeps). */
public final class Poll {
  private Poll() {}

  /** The first non-null value of probe, polled every 10 ms; an AssertionError with message() after timeout. */
  public static <T> T until(Duration timeout, Supplier<T> probe, Supplier<String> message) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("not within " + timeout.toMillis() + " ms: " + message.get());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + message.get(), e);
      }
    }
  }
}
