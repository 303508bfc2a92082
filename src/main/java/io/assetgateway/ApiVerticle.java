package io.assetgateway;

import io.assetgateway.account.AccountRoutes;
import io.assetgateway.account.AccountService;
import io.assetgateway.asset.AssetRoutes;
import io.assetgateway.asset.AssetService;
import io.assetgateway.auth.AuthRoutes;
import io.assetgateway.auth.BearerAuthHandler;
import io.assetgateway.auth.ClientStatusCache;
import io.assetgateway.auth.IssueTokenHandler;
import io.assetgateway.auth.TokenService;
import io.assetgateway.client.ApiSecrets;
import io.assetgateway.client.ClientService;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Pools;
import io.assetgateway.idempotency.IdempotencyHandler;
import io.assetgateway.idempotency.IdempotencyService;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.ledger.LedgerService;
import io.assetgateway.metrics.GatewayMetrics;
import io.assetgateway.ops.OpsRoutes;
import io.assetgateway.ratelimit.RateLimiters;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.transaction.TransactionRoutes;
import io.assetgateway.transaction.TransactionService;
import io.assetgateway.transfer.TransferRoutes;
import io.assetgateway.transfer.TransferService;
import io.assetgateway.wallet.WalletRoutes;
import io.assetgateway.wallet.WalletService;
import io.assetgateway.web.AccessLog;
import io.assetgateway.web.AccessLogWriter;
import io.assetgateway.web.ApiRouter;
import io.assetgateway.webhook.WebhookService;
import io.assetgateway.web.CallerAddress;
import io.assetgateway.web.ConnectionLimit;
import io.assetgateway.web.ErrorMapping;
import io.assetgateway.web.InvalidRequests;
import io.assetgateway.web.OpenApiDocument;
import io.assetgateway.web.Route;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One instance per event loop, and the composition root of a request's path: it builds each feature's service
 * on its own pool slice, gathers the features' route-table entries, and builds the router and
 * {@code /openapi.json} from that one table. Nothing is shared between instances, so a request is served start
 * to finish on one thread.
 */
public final class ApiVerticle extends VerticleBase {
  /** What every instance shares (immutable, or thread-safe). */
  public record Shared(GatewayConfig config, DatabaseUrl databaseUrl, String schemaVersion, AssetRegistry registry,
      SeedVault vault, RateLimiters limits, GatewayMetrics metrics, String metricsRegistryName,
      ConnectionLimit connections, AccessLogWriter accessLog) {

    /** This verticle's end-of-request hook (access lines and per-route metrics), or null when both are off. */
    AccessLog endOfRequest(io.vertx.core.Vertx vertx) {
      return AccessLog.create(vertx, accessLog, config.logging().format() == GatewayConfig.LogFormat.JSON,
          config.logging().accessLogFlushMillis(), config.metrics().enabled() ? metrics::httpRequest : null);
    }
  }

  private final Shared shared;
  private Pool pool;
  private HttpServer server;
  private AccessLog endOfRequest;
  private volatile Set<String> servedRoutes = Set.of();
  private Buffer openApiDocument;

  public ApiVerticle(Shared shared) {
    this.shared = shared;
  }

  @Override
  public Future<?> start() {
    GatewayConfig config = shared.config();
    int slice = Math.max(1, (config.database().poolSize() + config.http().instances() - 1) / config.http().instances());
    pool = Pools.create(vertx, shared.databaseUrl(), config, slice);
    CallerAddress callers = new CallerAddress(config.http().trustedProxies());
    TokenService tokens = new TokenService(vertx, config.auth().jwtSecret(), config.auth().jwtIssuer(),
        config.auth().tokenTtlSeconds(), config.auth().jwtLeewaySeconds());
    ClientService clients = new ClientService(pool);
    BearerAuthHandler bearer = new BearerAuthHandler(tokens,
        new ClientStatusCache(clients, config.auth().clientCacheMillis()), callers);
    Handler<RoutingContext> perClient = shared.limits().perClient();
    Handler<RoutingContext> tokenIssuance = shared.limits().tokenIssuance(callers, ApiSecrets::isApiKeyShaped);
    List<Route> routes = routeTable(config,
        new IssueTokenHandler(clients, tokens, config.auth().clientCacheMillis(), callers));
    openApiDocument = OpenApiDocument.build(routes).toBuffer();
    IdempotencyHandler idempotency = new IdempotencyHandler(new IdempotencyService(pool,
        config.idempotency().ttlHours(), config.idempotency().leaseSeconds()));
    ApiRouter.Guards guards = new ApiRouter.Guards() {
      @Override
      public Handler<RoutingContext> authentication(Route.Access access) {
        return access == Route.Access.BEARER ? bearer : null; // API_KEY: the token handler checks the key itself
      }

      @Override
      public Handler<RoutingContext> rateLimit(Route.RateClass rateClass) {
        return switch (rateClass) {
          case NONE -> null;
          case CLIENT -> perClient;
          case TOKEN_ISSUANCE -> tokenIssuance;
        };
      }

      @Override
      public Handler<RoutingContext> idempotency() {
        return idempotency;
      }
    };
    endOfRequest = shared.endOfRequest(vertx);
    Router router = ApiRouter.build(vertx, routes, guards, new ErrorMapping(shared.metrics()),
        new ApiRouter.Options(config.http().bodyLimitBytes(), config.database().requestTimeoutMillis(), endOfRequest));
    servedRoutes = routes.stream().map(r -> r.method().name() + " " + r.path()).collect(Collectors.toUnmodifiableSet());
    HttpServerOptions options = new HttpServerOptions()
        .setPort(config.http().port())
        .setMaxHeaderSize(16 * 1024)
        .setCompressionSupported(false)
        .setTcpNoDelay(true)
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(config.http().idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    return vertx.createHttpServer(options).connectionHandler(shared.connections())
        .invalidRequestHandler(new InvalidRequests()).requestHandler(router).listen()
        .onSuccess(s -> server = s);
  }


  /** Every feature's entries of the route table, each feature's services built on this instance's pool. */
  private List<Route> routeTable(GatewayConfig config, IssueTokenHandler issueToken) {
    WalletService wallets = new WalletService(pool, vertx.eventBus());
    AccountService accounts = new AccountService(vertx, pool, shared.registry(), shared.vault(), wallets);
    AssetService assets = new AssetService(vertx, pool, shared.registry(), shared.metrics(),
        config.database().assetBatchMaxSize(), config.database().assetBatchMaxInFlight(),
        config.database().assetQueueMax(), config.database().assetQueueMaxWaitMillis(),
        config.database().connectTimeoutSeconds());
    TransactionService transactions = new TransactionService(pool, new LedgerService(), assets, shared.registry(),
        new WebhookService(vertx, pool, shared.vault(), config.webhooks()));
    TransferService transfers = new TransferService(pool, shared.registry(), assets, transactions);
    List<Route> routes = new ArrayList<>();
    OpsRoutes.Sources ops = new OpsRoutes.Sources(vertx, pool, config.database().connectTimeoutSeconds(),
        shared.schemaVersion(), shared.registry(), config.metrics().enabled() ? config.metrics().path() : null,
        shared.metricsRegistryName(), () -> openApiDocument);
    routes.addAll(OpsRoutes.api(ops));
    if (config.http().management().isEmpty()) {
      routes.addAll(OpsRoutes.management(ops)); // no management listener: one listener serves everything
    }
    routes.addAll(AuthRoutes.of(issueToken));
    routes.addAll(AssetRoutes.of(assets));
    routes.addAll(WalletRoutes.of(wallets));
    routes.addAll(AccountRoutes.of(accounts));
    routes.addAll(TransactionRoutes.of(transactions));
    routes.addAll(TransferRoutes.of(transfers));
    return routes;
  }

  /** "METHOD /path/{param}" of every route this verticle serves (the OpenAPI test compares). */
  public Set<String> servedRoutes() {
    return servedRoutes;
  }

  /**
   * Graceful: stop accepting connections, let requests in flight (and the batches carrying them) finish for up
   * to the shutdown timeout, and only then close the pool, so no accepted request loses its database. The access
   * lines of those requests go to the writer before the verticle ends.
   */
  @Override
  public Future<?> stop() {
    Future<Void> closeServer = server == null ? Future.succeededFuture()
        : server.shutdown(shared.config().http().shutdownTimeoutSeconds(), TimeUnit.SECONDS);
    return closeServer.eventually(() -> {
      if (endOfRequest != null) {
        endOfRequest.close();
      }
      return pool == null ? Future.succeededFuture() : pool.close();
    });
  }
}
