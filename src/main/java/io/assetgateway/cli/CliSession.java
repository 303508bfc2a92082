package io.assetgateway.cli;

import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.DatabaseBootstrap;
import io.assetgateway.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What a CLI command works with: the migrated database (same resolution as the server) and a small pool. */
final class CliSession implements AutoCloseable {
  private final DatabaseBootstrap database;
  private final Vertx vertx;
  private final Pool pool;

  CliSession(GatewayConfig config) {
    this.database = DatabaseBootstrap.prepare(config);
    this.vertx = Vertx.vertx();
    this.pool = Pools.create(vertx, database.url(), config, 4);
  }

  Pool pool() {
    return pool;
  }

  /** Waits for a storage call; the CLI is a short-lived blocking program. */
  <T> T await(Future<T> future) {
    try {
      return future.await(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new CliException("the database did not answer within 120 s");
    }
  }

  @Override
  public void close() {
    try {
      pool.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // exiting anyway
    }
    database.close();
  }
}
