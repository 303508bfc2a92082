package io.assetgateway.db;

import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds reactive PG pools with every knob set explicitly (the Vert.x defaults are 4 connections, no bound, no cache). */
public final class Pools {
  /**
   * Starts a statement that PostgreSQL plans anew on every execution, with its parameters' values: lists whose best
   * plan depends on LIMIT and OFFSET, which a cached generic plan would guess at (and pick a scan of the whole table).
   */
  public static final String PLANNED_PER_CALL = "/* planned per call */ ";
  private static final int CACHED_SQL_LIMIT = 256 * 1024;

  private Pools() {}

  /**
   * A pool of {@code size} connections. Built inside a verticle, its connections live on that verticle's
   * event loop, so queries never hop threads.
   */
  public static Pool create(Vertx vertx, DatabaseUrl url, GatewayConfig config, int size) {
    PgConnectOptions connect = url.connectOptions()
        .setCachePreparedStatements(config.database().preparedStatementCacheMaxSize() > 0)
        .setPreparedStatementCacheMaxSize(Math.max(1, config.database().preparedStatementCacheMaxSize()))
        // The default caches only statements under 2,048 characters; Add Asset's carries the registry. An uncached
        // statement goes out unnamed, which PostgreSQL plans for the values bound to it.
        .setPreparedStatementCacheSqlFilter(sql -> sql.length() <= CACHED_SQL_LIMIT && !sql.startsWith(PLANNED_PER_CALL))
        .setPipeliningLimit(256)
        .setReconnectAttempts(0)
        // a statement stuck on a lock or a slow disk gives up server-side too, so nothing waits unbounded
        .addProperty("statement_timeout", Integer.toString(config.database().connectTimeoutSeconds() * 1000));
    NetClientOptions net = new NetClientOptions()
        .setConnectTimeout(config.database().connectTimeoutSeconds() * 1000)
        .setTcpNoDelay(true)
        .setTcpKeepAlive(true);
    PoolOptions pool = new PoolOptions()
        .setName("postgresql") // the pool_name label of the pool metrics
        .setMaxSize(size)
        .setMaxWaitQueueSize(config.database().maxWaitQueueSize())
        .setConnectionTimeout(config.database().connectTimeoutSeconds())
        .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS)
        .setIdleTimeout(5)
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MINUTES);
    return PgBuilder.pool().with(pool).with(net).connectingTo(connect).using(vertx).build();
  }
}
