package io.assetgateway.asset;

import io.assetgateway.common.Ids;
import io.assetgateway.metrics.GatewayMetrics;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.registry.RegistryEntry;
import io.assetgateway.web.ApiError;
import io.assetgateway.web.Page;
import io.assetgateway.web.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Add Asset and asset reads. One per event loop: its writer batches that loop's concurrent Add Asset requests
 * into single statements.
 */
public final class AssetService {
  private final AssetRegistry registry;
  private final AssetStorage assets;
  private final AssetWriter writer;
  private final GatewayMetrics metrics;
  private final SqlClient db;

  /**
   * {@code statementTimeoutSeconds} bounds each batch (an unreachable database answers 503 instead of hanging) and
   * the one-by-one retry of a failed batch; {@code limits} bound the writer's queue.
   */
  public AssetService(Vertx vertx, SqlClient db, AssetRegistry registry, GatewayMetrics metrics, int batchMaxSize,
      int batchMaxInFlight, int queueMax, long queueMaxWaitMillis, long statementTimeoutSeconds) {
    this.registry = registry;
    this.metrics = metrics;
    this.db = db;
    this.assets = new AssetStorage(db, registry);
    // Half a second past PostgreSQL's own statement_timeout: a slow database cancels the statement first, and the
    // answer can say "not applied" (57014); only a database that does not answer at all leaves the outcome unknown.
    long answerTimeoutMillis = TimeUnit.SECONDS.toMillis(statementTimeoutSeconds) + 500;
    this.writer = new AssetWriter(vertx,
        batch -> assets.addBatch(batch).timeout(answerTimeoutMillis, TimeUnit.MILLISECONDS),
        new AssetWriter.Limits(batchMaxSize, batchMaxInFlight, queueMax, queueMaxWaitMillis,
            TimeUnit.SECONDS.toMillis(statementTimeoutSeconds)));
  }

  /**
   * Adds the asset; failures come in the published order: unknown chain name (400 invalid_parameter), 404
   * not_found, 400 account_not_active, the chain rules (400 invalid_parameter), 400 asset_already_exists.
   * {@code requestedChain} null or empty means "no chain" (SDKs that cannot omit a field send either). Under overload
   * it fails with a {@code NotAppliedException} (503, nothing written); a request whose {@code answered} turns true
   * while it waits (its caller timed out or left) is never sent.
   */
  public Future<Asset> add(String clientId, String accountId, String symbol, String requestedChain,
      BooleanSupplier answered) {
    String chain = requestedChain == null || requestedChain.isEmpty() ? null : requestedChain;
    if (chain != null && registry.chain(chain).isEmpty()) {
      return Future.failedFuture(ApiError.INVALID_PARAMETER.with(
          "chain must be one of " + String.join(", ", registry.chains().keySet())));
    }
    return writer.add(new AddRequest(Ids.asset(), clientId, accountId, symbol, chain), answered).map(outcome -> {
      if (!outcome.accountFound()) {
        throw ApiError.NOT_FOUND.with("Account not found");
      }
      if (!"ACTIVE".equals(outcome.accountStatus())) {
        throw ApiError.ACCOUNT_NOT_ACTIVE.with("Account is not active");
      }
      AssetRegistry.Resolution resolution = registry.resolve(outcome.accountChain(), symbol, chain);
      if (resolution.entry() == null) {
        throw ApiError.INVALID_PARAMETER.with(resolution.refusal());
      }
      RegistryEntry entry = resolution.entry();
      if (outcome.assetId() == null) {
        String holder = outcome.holderAccountId();
        String asset = "Asset " + symbol + " on " + entry.chain();
        throw ApiError.ASSET_ALREADY_EXISTS.with(holder == null ? asset + " is already added to this address"
            : holder.equals(accountId) ? asset + " is already added to this account"
            : asset + " is already held by account " + holder + ", which has the same address");
      }
      metrics.assetCreated(entry.chain(), symbol);
      return Asset.added(outcome.assetId(), accountId, outcome.walletId(), clientId, entry, outcome.createdAt());
    });
  }

  /**
   * The asset on the on-chain balance (chain, address, symbol), whichever client holds it, with its account's
   * and wallet's status; read in {@code tx} when given (a transfer's or a deposit's transaction), else the pool.
   */
  public Future<Optional<Holding>> holding(SqlClient tx, String chain, String address, String symbol) {
    return AssetStorage.holding(tx == null ? db : tx, chain, address, symbol);
  }

  /** The caller's asset, or empty (also for another client's asset). */
  public Future<Optional<Asset>> find(String clientId, String assetId) {
    return assets.find(clientId, assetId);
  }

  /** The caller's assets, optionally of one account, newest first. */
  public Future<Page<Asset>> list(String clientId, String accountId, PageRequest page) {
    return assets.list(clientId, accountId, page);
  }
}
