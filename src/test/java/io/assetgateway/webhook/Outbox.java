package io.assetgateway.webhook;

import io.assetgateway.config.GatewayConfig;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Secrets;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The webhook service on the test database, as the ledger and the CLI use it: configures endpoints and enqueues
 * events inside real transactions, each next to a stand-in status change, as the ledger will.
 */
final class Outbox implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final Pool pool;
  final WebhookService service;

  Outbox(boolean allowPrivate) {
    Fixtures.get(); // migrated
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(TestDatabase.url().connectOptions())
        .using(vertx).build();
    GatewayConfig.Webhooks settings = TestGateway.config(Map.of("WEBHOOK_ALLOW_PRIVATE", Boolean.toString(allowPrivate)))
        .webhooks();
    service = new WebhookService(vertx, pool, new SeedVault(HexFormat.of().parseHex(TestGateway.MASTER_KEY)), settings);
  }

  /** Points the client's webhook at the URL; returns its secret (when new). */
  WebhookSettings configure(String clientId, String url) {
    WebhookSettings settings = Fixtures.await(service.configure(clientId, url, false));
    settings.newSecret().ifPresent(Secrets::remember);
    return settings;
  }

  /** Each event in its own committed transaction, after a stand-in status change on the same connection. */
  void commit(TransactionEvent... events) {
    for (TransactionEvent event : events) {
      Fixtures.await(pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_current_xact_id()").execute(Tuple.tuple())
          .compose(statusChanged -> service.enqueue(tx, event))));
    }
  }

  /** The event written in a transaction that then fails: nothing must remain. */
  void rollBack(TransactionEvent event) {
    try {
      Fixtures.await(pool.withTransaction(tx -> service.enqueue(tx, event)
          .compose(v -> Future.failedFuture(new IllegalStateException("the status change failed")))));
    } catch (IllegalStateException expected) {
      // the whole transaction rolled back
    }
  }

  List<OutboxEvent> list(String clientId) {
    return Fixtures.await(service.list(clientId, Optional.empty(), 1000));
  }

  OutboxEvent only(String clientId) {
    List<OutboxEvent> events = list(clientId);
    if (events.size() != 1) {
      throw new AssertionError("expected one event, got " + events);
    }
    return events.get(0);
  }

  static void eventually(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    pool.close();
    vertx.close();
  }
}
