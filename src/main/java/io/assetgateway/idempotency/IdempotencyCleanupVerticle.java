package io.assetgateway.idempotency;

import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired Idempotency-Key rows every {@code IDEMPOTENCY_SWEEP_MILLIS}, in bounded batches so that no sweep
 * holds many locks or one long transaction. One per process; several processes sweeping at once skip each other's
 * rows.
 */
public final class IdempotencyCleanupVerticle extends VerticleBase {
  static final int BATCH = 1000;
  /** Batches per sweep at most: a backlog is worked off over several sweeps. */
  static final int MAX_BATCHES = 100;
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyCleanupVerticle.class);

  private final GatewayConfig config;
  private final DatabaseUrl databaseUrl;
  private Pool pool;
  private IdempotencyService service;
  private long timer;
  private boolean sweeping;

  public IdempotencyCleanupVerticle(GatewayConfig config, DatabaseUrl databaseUrl) {
    this.config = config;
    this.databaseUrl = databaseUrl;
  }

  @Override
  public Future<?> start() {
    pool = Pools.create(vertx, databaseUrl, config, 1);
    service = new IdempotencyService(pool, config.idempotency().ttlHours(), config.idempotency().leaseSeconds());
    timer = vertx.setPeriodic(config.idempotency().sweepMillis(), id -> {
      if (!sweeping) { // a slow sweep is not joined by the next one
        sweeping = true;
        sweep(MAX_BATCHES)
            .onFailure(e -> LOG.warn("idempotency key cleanup failed, will retry: {}", e.toString()))
            .onComplete(done -> sweeping = false);
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return pool.close();
  }

  private Future<Void> sweep(int batchesLeft) {
    return service.deleteExpired(BATCH).compose(deleted -> deleted == BATCH && batchesLeft > 1
        ? sweep(batchesLeft - 1) : Future.succeededFuture());
  }
}
