package io.assetgateway.chain;

import io.assetgateway.account.AccountService;
import io.assetgateway.asset.AssetService;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Pools;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.ledger.LedgerService;
import io.assetgateway.metrics.GatewayMetrics;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.transaction.TransactionService;
import io.assetgateway.wallet.WalletService;
import io.assetgateway.webhook.WebhookService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the chains of this server: on a timer (twice per block interval) it produces the sandbox blocks
 * that are due and advances every transaction it can claim. One instance per server; several servers on one
 * database share the work (the block clock is a row lease, transactions are claimed with SKIP LOCKED). Signing
 * runs on worker threads, never on this verticle's event loop.
 */
public final class ChainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ChainVerticle.class);

  private final GatewayConfig config;
  private final DatabaseUrl databaseUrl;
  private final AssetRegistry registry;
  private final SeedVault vault;
  private Pool pool;
  private SandboxChain sandbox;
  private TransactionAdvancer advancer;
  private long timer = -1;
  private Future<Void> round = Future.succeededFuture();
  private boolean stopping;

  public ChainVerticle(GatewayConfig config, DatabaseUrl databaseUrl, AssetRegistry registry, SeedVault vault) {
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.registry = registry;
    this.vault = vault;
  }

  @Override
  public Future<?> start() {
    pool = Pools.create(vertx, databaseUrl, config, 2);
    long blockMillis = config.chains().sandboxBlockMillis();
    sandbox = new SandboxChain(pool, blockMillis);
    // no Add Asset requests come through here: the smallest writer, only its reads are used
    AssetService assets = new AssetService(vertx, pool, registry, GatewayMetrics.disabled(), 1, 1, 1, 1,
        config.database().connectTimeoutSeconds());
    TransactionService transactions = new TransactionService(pool, new LedgerService(), assets, registry,
        new WebhookService(vertx, pool, vault, config.webhooks()));
    AccountService accounts = new AccountService(vertx, pool, registry, vault, new WalletService(pool, null));
    advancer = new TransactionAdvancer(vertx, pool, transactions, accounts, vault, registry, sandbox);
    return sandbox.prepare(registry.chains().keySet()).onSuccess(v ->
        timer = vertx.setPeriodic(Math.max(5, blockMillis / 2), id -> tick()));
  }

  /** One round, unless the previous one is still running. */
  private void tick() {
    if (stopping || !round.isComplete()) {
      return;
    }
    round = sandbox.produceBlocks().compose(blocks -> advancer.advance()).recover(e -> {
      LOG.warn("chain round failed, the next one retries: {}", e.toString());
      return Future.succeededFuture();
    });
  }

  /** Lets the round in flight finish (its database transaction commits or rolls back), then closes the pool. */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    Promise<Void> done = Promise.promise();
    round.onComplete(ar -> done.complete());
    return done.future().compose(v -> pool.close());
  }
}
