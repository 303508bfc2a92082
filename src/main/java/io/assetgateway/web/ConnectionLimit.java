package io.assetgateway.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps a listener's open connections across all its event loops (one instance shared by every verticle): a
 * connection over the cap is closed as soon as it is accepted, so idle or slow connections cannot pile up without
 * bound. A cap of 0 counts but never refuses.
 */
public final class ConnectionLimit implements Handler<HttpConnection> {
  private final int max;
  private final Runnable onRefused;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionLimit(int max, Runnable onRefused) {
    this.max = max;
    this.onRefused = onRefused;
  }

  @Override
  public void handle(HttpConnection connection) {
    if (open.incrementAndGet() > max && max > 0) {
      open.decrementAndGet();
      onRefused.run();
      connection.close();
      return;
    }
    connection.closeHandler(closed -> open.decrementAndGet());
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }
}
