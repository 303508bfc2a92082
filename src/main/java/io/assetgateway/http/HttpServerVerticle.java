package io.assetgateway.http;

import io.assetgateway.account.AccountHandlers;
import io.assetgateway.asset.AddAssetHandler;
import io.assetgateway.asset.AssetReadHandlers;
import io.assetgateway.asset.AssetRegistry;
import io.assetgateway.asset.AssetStorage;
import io.assetgateway.asset.AssetWriter;
import io.assetgateway.auth.BearerAuthHandler;
import io.assetgateway.auth.ClientStatusCache;
import io.assetgateway.auth.IssueTokenHandler;
import io.assetgateway.auth.TokenService;
import io.assetgateway.client.ClientStorage;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Pools;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.metrics.GatewayMetrics;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.assetgateway.ratelimit.RateLimiters;
import io.assetgateway.wallet.WalletHandlers;
import io.assetgateway.wallet.WalletStorage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/**
 * One instance per event loop. Each owns its router, its pool slice, its JWT signer and its client-status
 * cache, so a request is served start to finish on one thread with nothing shared.
 */
public final class HttpServerVerticle extends VerticleBase {
  private final GatewayConfig config;
  private final DatabaseUrl databaseUrl;
  private final AssetRegistry registry;
  private Pool pool;
  private volatile java.util.Set<String> servedRoutes = java.util.Set.of();
  private HttpServer server;

  private final SeedVault vault;
  private final RateLimiters limits;

  private final String schemaVersion;

  private final GatewayMetrics metrics;
  private final String metricsRegistry;

  public HttpServerVerticle(GatewayConfig config, DatabaseUrl databaseUrl, String schemaVersion, AssetRegistry registry,
      SeedVault vault, RateLimiters limits, GatewayMetrics metrics, String metricsRegistry) {
    this.metrics = metrics;
    this.metricsRegistry = metricsRegistry;
    this.schemaVersion = schemaVersion;
    this.limits = limits;
    this.config = config;
    this.databaseUrl = databaseUrl;
    this.registry = registry;
    this.vault = vault;
  }

  @Override
  public Future<?> start() {
    int slice = Math.max(1, (config.poolSize() + config.httpInstances() - 1) / config.httpInstances());
    pool = Pools.create(vertx, databaseUrl, config, slice);
    ClientStorage clients = new ClientStorage(pool);
    TokenService tokens = new TokenService(vertx, config.jwtSecret(), config.jwtIssuer(), config.tokenTtlSeconds(),
        config.jwtLeewaySeconds());
    CallerAddress callers = new CallerAddress(config.trustedProxies());
    BearerAuthHandler bearer =
        new BearerAuthHandler(tokens, new ClientStatusCache(clients, config.clientCacheMillis()), callers);
    Handler<RoutingContext> clientLimit = limits.perClient();
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
    ErrorMapping errors = new ErrorMapping(metrics);

    Router router = Router.router(vertx);
    router.route().handler(new RequestIds());
    if (config.accessLogEnabled()) {
      router.route().handler(new AccessLog());
    }
    // Whatever a request waits on (a frozen database connection, say), it is answered within this bound:
    // 503 service_unavailable, through the error mapping.
    router.route().handler(TimeoutHandler.create((config.connectTimeoutSeconds() + 1) * 1000L, 503));
    router.get("/health").handler(new RouteTemplate("/health")).handler(new HealthHandler(pool, config.connectTimeoutSeconds()));
    router.get("/live").handler(new RouteTemplate("/live")).handler(Probes.liveness(vertx));
    io.vertx.core.buffer.Buffer openApi =
        OpenApiDocument.build(config.metricsEnabled() ? config.metricsPath() : null).toBuffer();
    router.get("/openapi.json").handler(new RouteTemplate("/openapi.json")).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json").end(openApi));
    if (config.metricsEnabled()) {
      router.get(config.metricsPath()).handler(new RouteTemplate(config.metricsPath()))
          .handler(PrometheusScrapingHandler.create(metricsRegistry));
    }
    router.get("/ready").handler(new RouteTemplate("/ready")).handler(Probes.readiness(vertx, pool, config.connectTimeoutSeconds(), schemaVersion, registry));
    router.post("/api/v1/auth/token").handler(new RouteTemplate("/api/v1/auth/token")).handler(body).handler(limits.tokenIssuance(callers))
        .handler(new IssueTokenHandler(clients, tokens, config.clientCacheMillis(), callers));
    AssetStorage assetStorage = new AssetStorage(pool, registry);
    long dbTimeout = config.connectTimeoutSeconds();
    // bounded: an unreachable database answers 503 within the timeout instead of holding requests
    AssetWriter writer = new AssetWriter(batch -> assetStorage.addBatch(batch).timeout(dbTimeout, TimeUnit.SECONDS),
        config.assetBatchMaxSize(), config.assetBatchMaxInFlight());
    router.post("/api/v1/assets").handler(new RouteTemplate("/api/v1/assets")).handler(body).handler(bearer).handler(clientLimit)
        .handler(JsonBodyValidator.forSchema("asset-create"))
        .handler(new AddAssetHandler(registry, writer, metrics));
    AssetReadHandlers assetReads = new AssetReadHandlers(assetStorage);
    router.get("/api/v1/assets").handler(new RouteTemplate("/api/v1/assets")).handler(bearer).handler(clientLimit).handler(assetReads::list);
    router.get("/api/v1/assets/:asset_id").handler(new RouteTemplate("/api/v1/assets/:asset_id")).handler(bearer).handler(clientLimit).handler(assetReads::get);

    WalletHandlers wallets = new WalletHandlers(new WalletStorage(pool), vertx.eventBus());
    router.post("/api/v1/wallets").handler(new RouteTemplate("/api/v1/wallets")).handler(body).handler(bearer).handler(clientLimit)
        .handler(JsonBodyValidator.forSchema("wallet-create")).handler(wallets::create);
    router.get("/api/v1/wallets").handler(new RouteTemplate("/api/v1/wallets")).handler(bearer).handler(clientLimit).handler(wallets::list);
    router.get("/api/v1/wallets/:wallet_id").handler(new RouteTemplate("/api/v1/wallets/:wallet_id")).handler(bearer).handler(clientLimit).handler(wallets::get);

    AccountHandlers accounts = new AccountHandlers(vertx, pool, registry, vault);
    router.post("/api/v1/accounts").handler(new RouteTemplate("/api/v1/accounts")).handler(body).handler(bearer).handler(clientLimit)
        .handler(JsonBodyValidator.forSchema("account-create")).handler(accounts::create);
    router.get("/api/v1/accounts").handler(new RouteTemplate("/api/v1/accounts")).handler(bearer).handler(clientLimit).handler(accounts::list);
    router.get("/api/v1/accounts/:account_id").handler(new RouteTemplate("/api/v1/accounts/:account_id")).handler(bearer).handler(clientLimit).handler(accounts::get);
    router.route().failureHandler(errors);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, errors);
    }

    HttpServerOptions options = new HttpServerOptions()
        .setPort(config.httpPort())
        .setMaxHeaderSize(16 * 1024)
        .setCompressionSupported(false)
        .setTcpNoDelay(true);
    servedRoutes = router.getRoutes().stream().filter(r -> r.getPath() != null && r.methods() != null)
        .flatMap(r -> r.methods().stream().map(m -> m.name() + " " + r.getPath().replaceAll(":([a-z_]+)", "{$1}")))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    return vertx.createHttpServer(options).invalidRequestHandler(new InvalidRequests()).requestHandler(router).listen()
        .onSuccess(s -> server = s);
  }

  /** "METHOD /path/{param}" of every route this verticle's router serves (the OpenAPI test compares). */
  public java.util.Set<String> servedRoutes() {
    return servedRoutes;
  }

  /**
   * Graceful: stop accepting connections, let requests in flight (and the batches carrying them) finish for up
   * to the shutdown timeout, and only then close the pool, so no accepted request loses its database.
   */
  @Override
  public Future<?> stop() {
    Future<Void> closeServer = server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdownTimeoutSeconds(), TimeUnit.SECONDS);
    return closeServer.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
