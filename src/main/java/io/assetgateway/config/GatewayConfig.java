package io.assetgateway.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.assetgateway.common.Cidr;
import io.assetgateway.config.RateLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Typed configuration, read once at start: {@code conf/config.json} (the working directory's copy if
 * present, else the one in the jar), then environment variables. Every check happens here so that a
 * bad setting stops start-up with one line naming it.
 */
public record GatewayConfig(Http http, Database database, Auth auth, RateLimits limits, Keys keys, Logging logging,
    Metrics metrics, Optional<Path> registryFile, Webhooks webhooks, Idempotency idempotency, Chains chains) {

  /**
   * The API listener, and the management listener when {@code management} is present. {@code idleTimeoutSeconds}
   * (0: none) closes a connection silent that long; {@code maxConnections} (0: no cap) caps the API listener's open
   * connections across its event loops.
   */
  public record Http(int port, int instances, int bodyLimitBytes, int shutdownTimeoutSeconds,
      List<Cidr> trustedProxies, int idleTimeoutSeconds, int maxConnections, Optional<Management> management) {
    Http withPort(int newPort) {
      return new Http(newPort, instances, bodyLimitBytes, shutdownTimeoutSeconds, trustedProxies, idleTimeoutSeconds,
          maxConnections, management);
    }

    Http withManagementPort(int newPort) {
      return new Http(port, instances, bodyLimitBytes, shutdownTimeoutSeconds, trustedProxies, idleTimeoutSeconds,
          maxConnections, management.map(m -> new Management(newPort, m.bind())));
    }
  }

  /** The listener of {@code /metrics}, {@code /ready} and {@code /live}, apart from the API (port 0: any free port). */
  public record Management(int port, String bind) {}

  /**
   * PostgreSQL: where it is (embedded when {@code url} is empty), the pool, and Add Asset batching with its
   * per-event-loop admission bounds (queue length, queue wait).
   */
  public record Database(Optional<DatabaseUrl> url, Path dataDir, int poolSize, int maxWaitQueueSize,
      int preparedStatementCacheMaxSize, int connectTimeoutSeconds, int assetBatchMaxSize, int assetBatchMaxInFlight,
      int assetQueueMax, int assetQueueMaxWaitMillis) {
    Database withUrl(DatabaseUrl newUrl) {
      return new Database(Optional.of(newUrl), dataDir, poolSize, maxWaitQueueSize, preparedStatementCacheMaxSize,
          connectTimeoutSeconds, assetBatchMaxSize, assetBatchMaxInFlight, assetQueueMax, assetQueueMaxWaitMillis);
    }

    /** How long a request may take in all before it is answered 503: the database bound plus a second. */
    public long requestTimeoutMillis() {
      return (connectTimeoutSeconds + 1) * 1000L;
    }
  }

  /**
   * Idempotency-Key: how long a stored response is replayed, how long a key stays locked by a request that never
   * finished (a crash, a frozen network), and how often expired keys are deleted.
   */
  public record Idempotency(int ttlHours, int leaseSeconds, int sweepMillis) {}

  /** Token issuance and verification. */
  public record Auth(byte[] jwtSecret, boolean jwtSecretGenerated, String jwtIssuer, int tokenTtlSeconds,
      int jwtLeewaySeconds, int clientCacheMillis) {
    @Override
    public String toString() {
      return "Auth[jwtSecret=***, jwtIssuer=" + jwtIssuer + ", tokenTtlSeconds=" + tokenTtlSeconds + "]";
    }
  }

  /** Wallet key material. */
  public record Keys(Optional<String> walletMasterKey, int keyGenerationSweepMillis) {
    @Override
    public String toString() {
      return "Keys[walletMasterKey=" + (walletMasterKey.isPresent() ? "***" : "unset") + "]";
    }
  }

  /**
   * Log output. {@code queueSize} (LOG_QUEUE_SIZE) and {@code format} (LOG_FORMAT) are also read by logback.xml
   * itself, from the environment: they are checked here so that a bad value stops start-up instead of silently
   * switching logging off. The access log's own writer takes both from here. {@code accessLogFlushMillis}: how long
   * an access line may wait in its event loop's buffer before it goes to stderr.
   */
  public record Logging(boolean accessLogEnabled, int queueSize, LogFormat format, int accessLogFlushMillis) {}

  /** LOG_FORMAT: one JSON object per line, or text for a terminal. */
  public enum LogFormat {
    JSON, TEXT
  }

  /** Prometheus metrics. */
  public record Metrics(boolean enabled, String path) {}

  /** Outbound webhooks: who may be called, and how deliveries are paced and retried. */
  public record Webhooks(boolean deliveryEnabled, boolean allowPrivate, int timeoutMillis, int retryBaseMillis,
      int retryMaxMillis, int giveUpHours, int maxInFlightPerClient, int pollMillis) {}

  /** Chain access: the built-in sandbox chain's block interval. */
  public record Chains(int sandboxBlockMillis) {}

  public static final int MIN_JWT_SECRET_BYTES = 32;
  static final String DEFAULT_CONFIG_RESOURCE = "conf/config.json";

  /**
   * Reads the configuration of this process with vertx-config: {@code conf/config.json} (the working directory's, else
   * the jar's), then the optional file given by {@code --conf} (or CONFIG_FILE), then environment variables; later
   * sources win, nested sections merge.
   */
  public static GatewayConfig load(Optional<Path> confFile) {
    Optional<Path> extra = confFile.or(() -> Optional.ofNullable(System.getenv("CONFIG_FILE"))
        .filter(f -> !f.isBlank()).map(Path::of));
    extra.ifPresent(f -> {
      if (!Files.isRegularFile(f)) {
        throw new ConfigException("--conf", "no such file: " + f);
      }
    });
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0)
        .addStore(new ConfigStoreOptions().setType("file").setFormat("json").setOptional(true)
            .setConfig(new JsonObject().put("path", DEFAULT_CONFIG_RESOURCE)));
    extra.ifPresent(f -> options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
        .setConfig(new JsonObject().put("path", f.toAbsolutePath().toString()))));
    // raw-data: keep every variable a string (the store would turn "8080" into a number); fromSources parses
    options.addStore(new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("raw-data", true)));
    Vertx vertx = Vertx.vertx();
    JsonObject merged;
    try {
      merged = ConfigRetriever.create(vertx, options).getConfig().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new ConfigException(extra.map(Path::toString).orElse(DEFAULT_CONFIG_RESOURCE),
          "cannot be read as JSON (" + e.getMessage() + ")");
    } finally {
      vertx.close();
    }
    Map<String, String> env = new HashMap<>();
    merged.forEach(e -> {
      if (e.getValue() instanceof String v) {
        env.put(e.getKey(), v); // environment variables (and any top-level setting of the same name in a file)
      }
    });
    return fromSources(merged, env);
  }

  /** Builds the configuration from a config-file object and environment variables (env wins). */
  public static GatewayConfig fromSources(JsonObject file, Map<String, String> env) {
    JsonObject http = file.getJsonObject("http", new JsonObject());
    JsonObject db = file.getJsonObject("database", new JsonObject());
    JsonObject auth = file.getJsonObject("auth", new JsonObject());
    JsonObject registry = file.getJsonObject("registry", new JsonObject());

    int port = intSetting(env, "HTTP_PORT", http, "port", 8080, 0, 65535);
    int instances = intSetting(env, "HTTP_INSTANCES", http, "instances", 0, 0, 256);
    if (instances == 0) {
      instances = Runtime.getRuntime().availableProcessors();
    }
    int bodyLimit = intSetting(env, "HTTP_BODY_LIMIT_BYTES", http, "bodyLimitBytes", 65536, 256, 16 * 1024 * 1024);

    String url = stringSetting(env, "DATABASE_URL", db, "url");
    Optional<DatabaseUrl> databaseUrl =
        url == null || url.isBlank() ? Optional.empty() : Optional.of(DatabaseUrl.parse("DATABASE_URL", url));
    String dataDir = stringSetting(env, "DATA_DIR", db, "dataDir");
    int poolSize = intSetting(env, "DB_POOL_SIZE", db, "poolSize", 16, 1, 1000);
    int waitQueue = intSetting(env, "DB_MAX_WAIT_QUEUE", db, "maxWaitQueueSize", 4096, 1, 1_000_000);
    int psCache = intSetting(env, "DB_PREPARED_STATEMENT_CACHE", db, "preparedStatementCacheMaxSize", 256, 0, 100_000);
    int connectTimeout = intSetting(env, "DB_CONNECT_TIMEOUT_SECONDS", db, "connectTimeoutSeconds", 5, 1, 300);

    int ttl = intSetting(env, "TOKEN_TTL_SECONDS", auth, "tokenTtlSeconds", 900, 1, 7 * 24 * 3600);
    String issuer = Optional.ofNullable(stringSetting(env, "JWT_ISSUER", auth, "issuer")).orElse("asset-gateway");
    int cacheMillis = intSetting(env, "CLIENT_CACHE_MILLIS", auth, "clientCacheMillis", 2000, 0, 60_000);
    String secret = env.get("JWT_SECRET");
    byte[] secretBytes;
    boolean generated;
    if (secret == null || secret.isEmpty()) {
      secretBytes = new byte[48];
      new SecureRandom().nextBytes(secretBytes);
      secretBytes = Base64.getUrlEncoder().withoutPadding().encode(secretBytes);
      generated = true;
    } else {
      secretBytes = secret.getBytes(StandardCharsets.UTF_8);
      if (secretBytes.length < MIN_JWT_SECRET_BYTES) {
        throw new ConfigException("JWT_SECRET", "must be at least " + MIN_JWT_SECRET_BYTES
            + " bytes of UTF-8 (got " + secretBytes.length + ")");
      }
      generated = false;
    }

    String registryFile = stringSetting(env, "ASSET_REGISTRY_FILE", registry, "file");
    JsonObject wallets = file.getJsonObject("wallets", new JsonObject());
    String masterKey = env.get("WALLET_MASTER_KEY");
    int sweepMillis = intSetting(env, "KEYGEN_SWEEP_MILLIS", wallets, "keyGenerationSweepMillis", 2000, 100, 600_000);
    int batchSize = intSetting(env, "ASSET_BATCH_MAX_SIZE", db, "assetBatchMaxSize", 256, 1, 10_000);
    int batchesInFlight = intSetting(env, "ASSET_BATCH_MAX_IN_FLIGHT", db, "assetBatchMaxInFlight", 1, 1, 64);
    int queueMax = intSetting(env, "ASSET_QUEUE_MAX", db, "assetQueueMax", 1024, 1, 1_000_000);
    int queueWait = intSetting(env, "ASSET_QUEUE_MAX_WAIT_MILLIS", db, "assetQueueMaxWaitMillis", 500, 1, 600_000);
    JsonObject idempotency = file.getJsonObject("idempotency", new JsonObject());
    int idempotencyTtl = intSetting(env, "IDEMPOTENCY_TTL_HOURS", idempotency, "ttlHours", 24, 1, 24 * 30);
    int idempotencyLease = intSetting(env, "IDEMPOTENCY_LEASE_SECONDS", idempotency, "leaseSeconds", 60, 1, 24 * 3600);
    if (idempotencyLease <= connectTimeout + 1) {
      throw new ConfigException("IDEMPOTENCY_LEASE_SECONDS", "must be longer than the request timeout,"
          + " DB_CONNECT_TIMEOUT_SECONDS + 1 = " + (connectTimeout + 1) + " s (got " + idempotencyLease + ")");
    }
    int idempotencySweep = intSetting(env, "IDEMPOTENCY_SWEEP_MILLIS", idempotency, "sweepMillis", 60_000, 100,
        24 * 3600 * 1000);
    JsonObject limits = file.getJsonObject("rateLimits", new JsonObject());
    String enabled = stringSetting(env, "RATE_LIMIT_ENABLED", limits, "enabled");
    if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
      throw new ConfigException("RATE_LIMIT_ENABLED", "must be true or false (got \"" + enabled + "\")");
    }
    RateLimits rateLimits = new RateLimits(!"false".equals(enabled),
        intSetting(env, "RATE_LIMIT_CLIENT_PER_SECOND", limits, "clientPerSecond", 1000, 1, 10_000_000),
        intSetting(env, "RATE_LIMIT_CLIENT_BURST", limits, "clientBurst", 2000, 1, 10_000_000),
        intSetting(env, "RATE_LIMIT_TOKEN_KEY_PER_SECOND", limits, "tokenPerApiKeyPerSecond", 5, 1, 10_000_000),
        intSetting(env, "RATE_LIMIT_TOKEN_KEY_BURST", limits, "tokenPerApiKeyBurst", 20, 1, 10_000_000),
        intSetting(env, "RATE_LIMIT_TOKEN_ADDRESS_PER_SECOND", limits, "tokenPerAddressPerSecond", 20, 1, 10_000_000),
        intSetting(env, "RATE_LIMIT_TOKEN_ADDRESS_BURST", limits, "tokenPerAddressBurst", 100, 1, 10_000_000),
        intSetting(env, "RATE_LIMIT_MAX_KEYS", limits, "maxKeys", 50_000, 100, 10_000_000));
    List<Cidr> trustedProxies = new ArrayList<>();
    String proxies = stringSetting(env, "TRUSTED_PROXIES", http, "trustedProxies");
    if (proxies != null && !proxies.isBlank()) {
      for (String range : proxies.split(",")) {
        try {
          trustedProxies.add(Cidr.parse(range));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("TRUSTED_PROXIES", "must be comma-separated IP addresses or CIDR ranges (" + e.getMessage() + ")");
        }
      }
    }
    int shutdownTimeout = intSetting(env, "SHUTDOWN_TIMEOUT_SECONDS", http, "shutdownTimeoutSeconds", 30, 0, 600);
    int idleTimeout = intSetting(env, "HTTP_IDLE_TIMEOUT_SECONDS", http, "idleTimeoutSeconds", 75, 0, 86_400);
    // a request may wait up to the request timeout without a byte on its connection: the idle timeout must outlast it
    if (idleTimeout != 0 && idleTimeout <= connectTimeout + 1) {
      throw new ConfigException("HTTP_IDLE_TIMEOUT_SECONDS", "must be 0 (none) or more than the request timeout, "
          + "DB_CONNECT_TIMEOUT_SECONDS + 1 = " + (connectTimeout + 1) + " s (got " + idleTimeout + ")");
    }
    int maxConnections = intSetting(env, "HTTP_MAX_CONNECTIONS", http, "maxConnections", 4096, 0, 1_000_000);
    JsonObject managementSection = file.getJsonObject("management", new JsonObject());
    String managementPortText = stringSetting(env, "MANAGEMENT_PORT", managementSection, "port");
    Optional<Management> management = Optional.empty();
    if (managementPortText != null && !managementPortText.isBlank()) {
      int managementPort = intSetting(env, "MANAGEMENT_PORT", managementSection, "port", 0, 0, 65535);
      if (managementPort != 0 && managementPort == port) {
        throw new ConfigException("MANAGEMENT_PORT", "must differ from HTTP_PORT (both " + port + ")");
      }
      String bind = Optional.ofNullable(stringSetting(env, "MANAGEMENT_BIND", managementSection, "bind"))
          .filter(b -> !b.isBlank()).orElse("127.0.0.1").trim();
      try {
        Cidr.literal(bind);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("MANAGEMENT_BIND", "must be an IP address such as 127.0.0.1 or 0.0.0.0 (got " + bind + ")");
      }
      management = Optional.of(new Management(managementPort, bind));
    }
    int leeway = intSetting(env, "JWT_LEEWAY_SECONDS", auth, "leewaySeconds", 5, 0, 300);
    JsonObject metrics = file.getJsonObject("metrics", new JsonObject());
    String metricsOn = stringSetting(env, "METRICS_ENABLED", metrics, "enabled");
    if (metricsOn != null && !metricsOn.equals("true") && !metricsOn.equals("false")) {
      throw new ConfigException("METRICS_ENABLED", "must be true or false (got \"" + metricsOn + "\")");
    }
    String accessLog = stringSetting(env, "ACCESS_LOG_ENABLED", http, "accessLog");
    if (accessLog != null && !accessLog.equals("true") && !accessLog.equals("false")) {
      throw new ConfigException("ACCESS_LOG_ENABLED", "must be true or false (got \"" + accessLog + "\")");
    }
    int logQueueSize = intSetting(env, "LOG_QUEUE_SIZE", new JsonObject(), "LOG_QUEUE_SIZE", 8192, 64, 1 << 20);
    if (Integer.bitCount(logQueueSize) != 1) {
      throw new ConfigException("LOG_QUEUE_SIZE", "must be a power of two such as 8192 (got " + logQueueSize + ")");
    }
    int accessLogFlush = intSetting(env, "ACCESS_LOG_FLUSH_MILLIS", http, "accessLogFlushMillis", 50, 1, 600_000);
    String logFormat = Optional.ofNullable(env.get("LOG_FORMAT")).orElse("json");
    if (!logFormat.equals("json") && !logFormat.equals("text")) {
      throw new ConfigException("LOG_FORMAT", "must be json or text (got \"" + logFormat + "\")");
    }
    JsonObject chainSection = file.getJsonObject("chains", new JsonObject());
    int blockMillis = intSetting(env, "SANDBOX_BLOCK_MILLIS", chainSection, "sandboxBlockMillis", 1000, 10, 3_600_000);
    String metricsPath = Optional.ofNullable(stringSetting(env, "METRICS_PATH", metrics, "path")).orElse("/metrics");
    if (!metricsPath.matches("/[A-Za-z0-9/_-]*") || metricsPath.startsWith("/api/")) {
      throw new ConfigException("METRICS_PATH", "must be a path such as /metrics, outside /api/ (got " + metricsPath + ")");
    }
    JsonObject hooks = file.getJsonObject("webhooks", new JsonObject());
    int retryBase = intSetting(env, "WEBHOOK_RETRY_BASE_MILLIS", hooks, "retryBaseMillis", 10_000, 10, 86_400_000);
    int retryMax = intSetting(env, "WEBHOOK_RETRY_MAX_MILLIS", hooks, "retryMaxMillis", 3_600_000, 10, 86_400_000);
    if (retryMax < retryBase) {
      throw new ConfigException("WEBHOOK_RETRY_MAX_MILLIS", "must be at least WEBHOOK_RETRY_BASE_MILLIS (" + retryBase
          + "; got " + retryMax + ")");
    }
    Webhooks webhooks = new Webhooks(
        booleanSetting(env, "WEBHOOK_DELIVERY_ENABLED", hooks, "deliveryEnabled", true),
        booleanSetting(env, "WEBHOOK_ALLOW_PRIVATE", hooks, "allowPrivate", false),
        intSetting(env, "WEBHOOK_TIMEOUT_MILLIS", hooks, "timeoutMillis", 10_000, 100, 300_000),
        retryBase, retryMax,
        intSetting(env, "WEBHOOK_GIVE_UP_HOURS", hooks, "giveUpHours", 24, 1, 24 * 30),
        intSetting(env, "WEBHOOK_MAX_IN_FLIGHT_PER_CLIENT", hooks, "maxInFlightPerClient", 4, 1, 64),
        intSetting(env, "WEBHOOK_POLL_MILLIS", hooks, "pollMillis", 500, 10, 60_000));
    return new GatewayConfig(
        new Http(port, instances, bodyLimit, shutdownTimeout, List.copyOf(trustedProxies), idleTimeout, maxConnections,
            management),
        new Database(databaseUrl, Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir), poolSize, waitQueue,
            psCache, connectTimeout, batchSize, batchesInFlight, queueMax, queueWait),
        new Auth(secretBytes, generated, issuer, ttl, leeway, cacheMillis),
        rateLimits,
        new Keys(masterKey == null || masterKey.isBlank() ? Optional.empty() : Optional.of(masterKey), sweepMillis),
        new Logging(!"false".equals(accessLog), logQueueSize, logFormat.equals("text") ? LogFormat.TEXT : LogFormat.JSON,
            accessLogFlush),
        new Metrics(!"false".equals(metricsOn), metricsPath),
        registryFile == null || registryFile.isBlank() ? Optional.empty() : Optional.of(Path.of(registryFile)),
        webhooks, new Idempotency(idempotencyTtl, idempotencyLease, idempotencySweep), new Chains(blockMillis));
  }

  /** The same configuration pointing at another database (tests and the benchmark use this). */
  public GatewayConfig withDatabaseUrl(DatabaseUrl url) {
    return new GatewayConfig(http, database.withUrl(url), auth, limits, keys, logging, metrics, registryFile, webhooks,
        idempotency, chains);
  }

  /** The same configuration listening on another port. */
  public GatewayConfig withHttpPort(int port) {
    return new GatewayConfig(http.withPort(port), database, auth, limits, keys, logging, metrics, registryFile, webhooks,
        idempotency, chains);
  }

  /** The same configuration with the management listener on another port (when there is one). */
  public GatewayConfig withManagementPort(int port) {
    return new GatewayConfig(http.withManagementPort(port), database, auth, limits, keys, logging, metrics, registryFile,
        webhooks, idempotency, chains);
  }

  private static String stringSetting(Map<String, String> env, String envName, JsonObject section, String key) {
    String fromEnv = env.get(envName);
    if (fromEnv != null) {
      return fromEnv;
    }
    Object value = section.getValue(key);
    return value == null ? null : value.toString();
  }

  private static boolean booleanSetting(Map<String, String> env, String envName, JsonObject section, String key,
      boolean defaultValue) {
    String raw = stringSetting(env, envName, section, key);
    if (raw == null || raw.isEmpty()) {
      return defaultValue;
    }
    if (!raw.equals("true") && !raw.equals("false")) {
      throw new ConfigException(env.containsKey(envName) ? envName : key, "must be true or false (got \"" + raw + "\")");
    }
    return raw.equals("true");
  }

  private static int intSetting(Map<String, String> env, String envName, JsonObject section, String key,
      int defaultValue, int min, int max) {
    String fromEnv = env.get(envName);
    String name = fromEnv != null ? envName : key;
    Object raw = fromEnv != null ? fromEnv.trim() : section.getValue(key);
    if (raw == null || (raw instanceof String s && s.isEmpty())) {
      return defaultValue;
    }
    int value;
    try {
      value = raw instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(raw.toString());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigException(name, "must be a whole number (got \"" + raw + "\")");
    }
    if (value < min || value > max) {
      throw new ConfigException(name, "must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }

  /** Every setting as it is in force, secrets masked: logged at start. */
  public JsonObject describe() {
    return new JsonObject()
        .put("http", new JsonObject().put("port", http.port()).put("instances", http.instances())
            .put("bodyLimitBytes", http.bodyLimitBytes()).put("shutdownTimeoutSeconds", http.shutdownTimeoutSeconds())
            .put("trustedProxies", http.trustedProxies().size()).put("idleTimeoutSeconds", http.idleTimeoutSeconds())
            .put("maxConnections", http.maxConnections()))
        .put("management", http.management().map(m -> new JsonObject().put("port", m.port()).put("bind", m.bind()))
            .orElse(null))
        .put("database", new JsonObject()
            .put("url", database.url().map(DatabaseUrl::redacted)
                .orElse("embedded in " + database.dataDir().toAbsolutePath()))
            .put("poolSize", database.poolSize()).put("maxWaitQueueSize", database.maxWaitQueueSize())
            .put("preparedStatementCacheMaxSize", database.preparedStatementCacheMaxSize())
            .put("connectTimeoutSeconds", database.connectTimeoutSeconds())
            .put("assetBatchMaxSize", database.assetBatchMaxSize())
            .put("assetBatchMaxInFlight", database.assetBatchMaxInFlight())
            .put("assetQueueMax", database.assetQueueMax())
            .put("assetQueueMaxWaitMillis", database.assetQueueMaxWaitMillis()))
        .put("auth", new JsonObject().put("jwtSecret", auth.jwtSecretGenerated() ? "(random, this process only)" : "***")
            .put("issuer", auth.jwtIssuer()).put("tokenTtlSeconds", auth.tokenTtlSeconds())
            .put("leewaySeconds", auth.jwtLeewaySeconds()).put("clientCacheMillis", auth.clientCacheMillis()))
        .put("wallets", new JsonObject()
            .put("masterKey", keys.walletMasterKey().isPresent() ? "***" : "(key file in data dir)")
            .put("keyGenerationSweepMillis", keys.keyGenerationSweepMillis()))
        .put("rateLimits", new JsonObject().put("enabled", limits.enabled())
            .put("clientPerSecond", limits.clientPerSecond()).put("clientBurst", limits.clientBurst())
            .put("apiKeyPerSecond", limits.apiKeyPerSecond()).put("apiKeyBurst", limits.apiKeyBurst())
            .put("addressPerSecond", limits.addressPerSecond()).put("addressBurst", limits.addressBurst())
            .put("maxKeys", limits.maxKeys()))
        .put("logging", new JsonObject().put("accessLog", logging.accessLogEnabled())
            .put("accessLogFlushMillis", logging.accessLogFlushMillis()).put("queueSize", logging.queueSize())
            .put("format", logging.format().name().toLowerCase(java.util.Locale.ROOT)))
        .put("metrics", new JsonObject().put("enabled", metrics.enabled()).put("path", metrics.path()))
        .put("registry", registryFile.map(Path::toString).orElse("(bundled)"))
        .put("webhooks", new JsonObject().put("deliveryEnabled", webhooks.deliveryEnabled())
            .put("allowPrivate", webhooks.allowPrivate()).put("timeoutMillis", webhooks.timeoutMillis())
            .put("retryBaseMillis", webhooks.retryBaseMillis()).put("retryMaxMillis", webhooks.retryMaxMillis())
            .put("giveUpHours", webhooks.giveUpHours()).put("maxInFlightPerClient", webhooks.maxInFlightPerClient())
            .put("pollMillis", webhooks.pollMillis()))
        .put("idempotency", new JsonObject().put("ttlHours", idempotency.ttlHours())
            .put("leaseSeconds", idempotency.leaseSeconds()).put("sweepMillis", idempotency.sweepMillis()))

        .put("chains", new JsonObject().put("access", "sandbox").put("sandboxBlockMillis", chains.sandboxBlockMillis()));
  }

  @Override
  public String toString() {
    // Never print the secrets.
    return "GatewayConfig[httpPort=" + http.port() + ", httpInstances=" + http.instances() + ", database="
        + database.url().map(DatabaseUrl::redacted).orElse("embedded in " + database.dataDir()) + ", poolSize="
        + database.poolSize() + ", tokenTtlSeconds=" + auth.tokenTtlSeconds() + "]";
  }
}
