package io.assetgateway.cli;

import io.assetgateway.account.AccountService;
import io.assetgateway.asset.AssetService;
import io.assetgateway.chain.SandboxChain;
import io.assetgateway.chain.SandboxService;
import io.assetgateway.ledger.LedgerService;
import io.assetgateway.metrics.GatewayMetrics;
import io.assetgateway.transaction.TransactionService;
import io.assetgateway.client.ClientService;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.keys.MasterKey;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.wallet.WalletService;
import io.assetgateway.webhook.WebhookService;
import io.assetgateway.db.DatabaseBootstrap;
import io.assetgateway.db.Pools;
import io.assetgateway.web.ApiException;
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
  private final GatewayConfig config;

  CliSession(GatewayConfig config) {
    this.config = config;
    this.database = DatabaseBootstrap.prepare(config);
    this.vertx = Vertx.vertx();
    this.pool = Pools.create(vertx, database.url(), config, 4);
  }

  Pool pool() {
    return pool;
  }

  ClientService clients() {
    return new ClientService(pool);
  }

  /** Accounts without key material: reads and status changes only. */
  AccountService accounts() {
    return new AccountService(vertx, pool, AssetRegistry.load(config.registryFile()), null, new WalletService(pool, null));
  }

  /**
   * Accounts that can derive addresses and seal new seeds, with the configured master key; refused (naming
   * WALLET_MASTER_KEY) when it is not the key this database's seeds are sealed with.
   */
  AccountService accountsWithKeys() {
    return new AccountService(vertx, pool, AssetRegistry.load(config.registryFile()), vault(),
        new WalletService(pool, null));
  }

  /** Webhook settings (sealing secrets with the configured master key) and the outbox. */
  WebhookService webhooks() {
    return new WebhookService(vertx, pool, vault(), config.webhooks());
  }

  /** The configured master key, refused unless it is the one this database's secrets are sealed with. */
  private SeedVault vault() {
    SeedVault vault = new SeedVault(MasterKey.resolve(config.keys().walletMasterKey(), config.database().dataDir(),
        config.database().url().isEmpty()));
    await(new WalletService(pool, null).verifyMasterKey(vault));
    return vault;
  }

  /** The sandbox chain's operator controls (simulated deposits and failures), on this session's pool. */
  SandboxService sandbox() {
    AssetRegistry registry = AssetRegistry.load(config.registryFile());
    // no Add Asset requests come through here: the smallest writer, only its reads are used
    AssetService assets = new AssetService(vertx, pool, registry, GatewayMetrics.disabled(), 1, 1, 1, 1,
        config.database().connectTimeoutSeconds());
    TransactionService transactions = new TransactionService(pool, new LedgerService(), assets, registry, webhooks());
    return new SandboxService(pool, registry, assets, transactions,
        new SandboxChain(pool, config.chains().sandboxBlockMillis()));
  }

  LedgerService ledger() {
    return new LedgerService();
  }

  /** Waits for a storage call; the CLI is a short-lived blocking program. */
  <T> T await(Future<T> future) {
    try {
      return future.await(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new CliException("the database did not answer within 120 s");
    } catch (ApiException e) {
      throw new CliException(e.getMessage()); // a service's refusal is the operator's bad input
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
