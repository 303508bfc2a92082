package io.assetgateway;

import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.DatabaseBootstrap;
import io.assetgateway.ApiVerticle;
import io.assetgateway.wallet.KeyGenerationVerticle;
import io.assetgateway.wallet.WalletService;
import io.assetgateway.db.Pools;
import io.vertx.sqlclient.Pool;
import io.assetgateway.idempotency.IdempotencyCleanupVerticle;
import io.assetgateway.chain.ChainVerticle;
import io.assetgateway.keys.MasterKey;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.ratelimit.RateLimiters;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import io.assetgateway.metrics.GatewayMetrics;
import io.assetgateway.web.AccessLogWriter;
import io.assetgateway.web.ConnectionLimit;
import io.assetgateway.webhook.WebhookDeliveryVerticle;
import java.util.EnumSet;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running server: database ready, registry loaded, one HTTP verticle per event loop listening. */
public final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  private final Vertx vertx;
  private final DatabaseBootstrap database;
  private final GatewayConfig config;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private final java.util.List<ApiVerticle> httpVerticles;
  private final AccessLogWriter accessLog; // null: access log off

  private GatewayServer(Vertx vertx, DatabaseBootstrap database, GatewayConfig config,
      java.util.List<ApiVerticle> httpVerticles, AccessLogWriter accessLog) {
    this.httpVerticles = httpVerticles;
    this.accessLog = accessLog;
    this.vertx = vertx;
    this.database = database;
    this.config = config;
  }

  /** Starts everything; failures are StartupException, ConfigException or RegistryException with one-line messages. */
  public static GatewayServer start(GatewayConfig requested) throws Exception {
    GatewayConfig config = requested.http().port() == 0 ? requested.withHttpPort(freePort()) : requested;
    if (config.http().management().map(m -> m.port() == 0).orElse(false)) {
      config = config.withManagementPort(freePort());
    }
    LOG.info("effective configuration: {}", config.describe().encode());
    AssetRegistry registry = AssetRegistry.load(config.registryFile());
    if (config.auth().tokenTtlSeconds() <= 300) {
      LOG.warn("TOKEN_TTL_SECONDS is {} s: the official SDKs refresh a token 120 s (Go before 1.8: 300 s) before it"
          + " expires, so with 300 s or less they fetch a new token before every call", config.auth().tokenTtlSeconds());
    }
    if (config.auth().jwtSecretGenerated()) {
      LOG.warn("JWT_SECRET is not set: using a random key, so issued tokens stop working when this process exits");
    }
    SeedVault vault = new SeedVault(MasterKey.resolve(config.keys().walletMasterKey(), config.database().dataDir(),
        config.database().url().isEmpty()));
    DatabaseBootstrap database = DatabaseBootstrap.prepare(config);
    VertxOptions vertxOptions = new VertxOptions().setEventLoopPoolSize(Math.max(config.http().instances(), 1));
    // one registry per server: Vert.x keeps registries by name for the whole JVM
    String registryName = "asset-gateway-" + config.http().port();
    if (config.metrics().enabled()) {
      vertxOptions.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setRegistryName(registryName)
          .setJvmMetricsEnabled(true)
          // HTTP server metrics come from the router's end-of-request hook (GatewayMetrics.httpRequest), cheaper
          .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
          .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true))
          // route templates, never raw paths: ids must not become label values
          .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME)));
    }
    Vertx vertx = Vertx.vertx(vertxOptions);
    GatewayMetrics metrics = GatewayMetrics.disabled();
    if (config.metrics().enabled()) {
      MeterRegistry meters = BackendRegistries.getNow(registryName);
      metrics = new GatewayMetrics(meters);
    }
    java.util.List<ApiVerticle> httpVerticles = new java.util.concurrent.CopyOnWriteArrayList<>();
    AccessLogWriter accessLog = config.logging().accessLogEnabled()
        ? AccessLogWriter.start(config.logging().queueSize()) : null;
    try {
      DatabaseUrl url = database.url();
      verifyMasterKey(vertx, url, config, vault);
      vertx.deployVerticle(new KeyGenerationVerticle(config, url, vault),
              new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
          .await(60, TimeUnit.SECONDS);
      vertx.deployVerticle(new IdempotencyCleanupVerticle(config, url)).await(60, TimeUnit.SECONDS);
      vertx.deployVerticle(new ChainVerticle(config, url, registry, vault)).await(60, TimeUnit.SECONDS);
      GatewayMetrics counters = metrics; // effectively final, for the verticle supplier
      if (config.webhooks().deliveryEnabled()) {
        vertx.deployVerticle(new WebhookDeliveryVerticle(config, url, vault, counters)).await(60, TimeUnit.SECONDS);
      }
      RateLimiters limits = new RateLimiters(config.limits(), counters);
      ApiVerticle.Shared shared = new ApiVerticle.Shared(config, url, database.schemaVersion(), registry, vault, limits,
          counters, registryName, new ConnectionLimit(config.http().maxConnections(), counters::connectionRefused),
          accessLog);
      vertx.deployVerticle(() -> created(httpVerticles, new ApiVerticle(shared)),
              new DeploymentOptions().setInstances(config.http().instances()))
          .await(60, TimeUnit.SECONDS);
      if (config.http().management().isPresent()) {
        vertx.deployVerticle(new ManagementVerticle(shared)).await(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      vertx.close().await(10, TimeUnit.SECONDS);
      if (accessLog != null) {
        accessLog.close();
      }
      database.close();
      throw e;
    }
    LOG.info("asset-gateway listening on port {} ({} event loops, database {}, {} chains, {} assets offered)",
        config.http().port(), config.http().instances(), database.url().redacted(), registry.chains().size(),
        registry.entries().size());
    config.http().management().ifPresent(m -> LOG.info("management listener (metrics, readiness, liveness) on {}:{}",
        m.bind(), m.port()));
    return new GatewayServer(vertx, database, config, httpVerticles, accessLog);
  }

  /** Refuses to start with a master key other than the one that sealed the database's seeds (see WalletService). */
  private static void verifyMasterKey(Vertx vertx, DatabaseUrl url, GatewayConfig config, SeedVault vault)
      throws Exception {
    Pool pool = Pools.create(vertx, url, config, 1);
    try {
      new WalletService(pool, null).verifyMasterKey(vault).await(60, TimeUnit.SECONDS);
    } finally {
      pool.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static ApiVerticle created(java.util.List<ApiVerticle> into, ApiVerticle verticle) {
    into.add(verticle);
    return verticle;
  }

  /** "METHOD /path/{param}" of every route served (all HTTP verticles build the same router). */
  public java.util.Set<String> servedRoutes() {
    return httpVerticles.get(0).servedRoutes();
  }

  public int port() {
    return config.http().port();
  }

  /** The management listener's port, when there is one. */
  public java.util.OptionalInt managementPort() {
    return config.http().management().map(m -> java.util.OptionalInt.of(m.port())).orElse(java.util.OptionalInt.empty());
  }

  public DatabaseUrl databaseUrl() {
    return database.url();
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Stops listening, finishes the requests in flight (up to the shutdown timeout), closes the pools, writes out the
   * access lines, then stops the embedded database if we started it. Safe to call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      vertx.close().await(config.http().shutdownTimeoutSeconds() + 30L, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    if (accessLog != null) {
      accessLog.close(); // after the verticles' stop: they hand over their last lines there
    }
    database.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
