package io.assetgateway.wallet;

import io.assetgateway.keys.SeedVault;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Pools;
import io.assetgateway.wallet.WalletStorage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives new wallets their key material, off the event loops (deployed as a worker): a random seed, sealed
 * with the master key, stored, and the wallet flipped to ACTIVE / ACTIVE. New wallets arrive on the event
 * bus; a sweep at start and every few seconds finishes any wallet left PROGRESSING (by a crash, or by
 * another instance that stopped), so none is ever stuck.
 */
public final class KeyGenerationVerticle extends VerticleBase {
  public static final String ADDRESS = "wallets.generate-keys";
  private static final Logger LOG = LoggerFactory.getLogger(KeyGenerationVerticle.class);
  private static final int SWEEP_BATCH = 500;

  private final GatewayConfig config;
  private final DatabaseUrl databaseUrl;
  private final SeedVault vault;
  private final Set<String> inProgress = new HashSet<>();
  private Pool pool;
  private WalletService wallets;
  private long sweepTimer;

  public KeyGenerationVerticle(GatewayConfig config, DatabaseUrl databaseUrl, SeedVault vault) {
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.vault = vault;
  }

  @Override
  public Future<?> start() {
    pool = Pools.create(vertx, databaseUrl, config, 2);
    wallets = new WalletService(pool, null);
    vertx.eventBus().<String>localConsumer(ADDRESS, message -> generate(message.body()));
    sweepTimer = vertx.setPeriodic(config.keys().keyGenerationSweepMillis(), id -> sweep());
    return sweep();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return pool.close();
  }

  /** Finishes every wallet still waiting for keys. */
  Future<Void> sweep() {
    return wallets.pendingKeyGeneration(SWEEP_BATCH)
        .compose(ids -> Future.join(ids.stream().map(this::generate).toList()).<Void>mapEmpty())
        .recover(e -> {
          LOG.warn("key generation sweep failed, will retry: {}", e.toString());
          return Future.succeededFuture();
        });
  }

  private Future<Void> generate(String walletId) {
    if (!inProgress.add(walletId)) {
      return Future.succeededFuture();
    }
    byte[] seed = SeedVault.newSeed();
    byte[] sealed;
    try {
      sealed = vault.encrypt(walletId, seed);
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
    return wallets.completeKeys(walletId, sealed)
        .onSuccess(done -> {
          if (done) {
            LOG.debug("wallet {} has its keys", walletId);
          }
        })
        .onFailure(e -> LOG.warn("key generation for wallet {} failed, the sweep will retry: {}", walletId, e.toString()))
        .<Void>mapEmpty()
        .eventually(() -> {
          inProgress.remove(walletId);
          return Future.succeededFuture();
        });
  }
}
