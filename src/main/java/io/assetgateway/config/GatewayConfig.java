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
    Metrics metrics, Optional<Path> registryFile, Chains chains) {

  /** The API listener. */
  public record Http(int port, int instances, int bodyLimitBytes, int shutdownTimeoutSeconds,
      List<Cidr> trustedProxies) {
    Http withPort(int newPort) {
      return new Http(newPort, instances, bodyLimitBytes, shutdownTimeoutSeconds, trustedProxies);
    }
  }

  /** PostgreSQL: where it is (embedded when {@code url} is empty), the pool, and Add Asset batching. */
  public record Database(Optional<DatabaseUrl> url, Path dataDir, int poolSize, int maxWaitQueueSize,
      int preparedStatementCacheMaxSize, int connectTimeoutSeconds, int assetBatchMaxSize, int assetBatchMaxInFlight) {
    Database withUrl(DatabaseUrl newUrl) {
      return new Database(Optional.of(newUrl), dataDir, poolSize, maxWaitQueueSize, preparedStatementCacheMaxSize,
          connectTimeoutSeconds, assetBatchMaxSize, assetBatchMaxInFlight);
    }
  }

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

  /** Log output. */
  public record Logging(boolean accessLogEnabled) {}

  /** Prometheus metrics. */
  public record Metrics(boolean enabled, String path) {}

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
        intSetting(env, "RATE_LIMIT_TOKEN_ADDRESS_BURST", limits, "tokenPerAddressBurst", 100, 1, 10_000_000));
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
    JsonObject chainSection = file.getJsonObject("chains", new JsonObject());
    int blockMillis = intSetting(env, "SANDBOX_BLOCK_MILLIS", chainSection, "sandboxBlockMillis", 1000, 10, 3_600_000);
    String metricsPath = Optional.ofNullable(stringSetting(env, "METRICS_PATH", metrics, "path")).orElse("/metrics");
    if (!metricsPath.matches("/[A-Za-z0-9/_-]*") || metricsPath.startsWith("/api/")) {
      throw new ConfigException("METRICS_PATH", "must be a path such as /metrics, outside /api/ (got " + metricsPath + ")");
    }
    return new GatewayConfig(
        new Http(port, instances, bodyLimit, shutdownTimeout, List.copyOf(trustedProxies)),
        new Database(databaseUrl, Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir), poolSize, waitQueue,
            psCache, connectTimeout, batchSize, batchesInFlight),
        new Auth(secretBytes, generated, issuer, ttl, leeway, cacheMillis),
        rateLimits,
        new Keys(masterKey == null || masterKey.isBlank() ? Optional.empty() : Optional.of(masterKey), sweepMillis),
        new Logging(!"false".equals(accessLog)),
        new Metrics(!"false".equals(metricsOn), metricsPath),
        registryFile == null || registryFile.isBlank() ? Optional.empty() : Optional.of(Path.of(registryFile)),
        new Chains(blockMillis));
  }

  /** The same configuration pointing at another database (tests and the benchmark use this). */
  public GatewayConfig withDatabaseUrl(DatabaseUrl url) {
    return new GatewayConfig(http, database.withUrl(url), auth, limits, keys, logging, metrics, registryFile, chains);
  }

  /** The same configuration listening on another port. */
  public GatewayConfig withHttpPort(int port) {
    return new GatewayConfig(http.withPort(port), database, auth, limits, keys, logging, metrics, registryFile,
        chains);
  }

  private static String stringSetting(Map<String, String> env, String envName, JsonObject section, String key) {
    String fromEnv = env.get(envName);
    if (fromEnv != null) {
      return fromEnv;
    }
    Object value = section.getValue(key);
    return value == null ? null : value.toString();
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
            .put("trustedProxies", http.trustedProxies().size()))
        .put("database", new JsonObject()
            .put("url", database.url().map(DatabaseUrl::redacted)
                .orElse("embedded in " + database.dataDir().toAbsolutePath()))
            .put("poolSize", database.poolSize()).put("maxWaitQueueSize", database.maxWaitQueueSize())
            .put("preparedStatementCacheMaxSize", database.preparedStatementCacheMaxSize())
            .put("connectTimeoutSeconds", database.connectTimeoutSeconds())
            .put("assetBatchMaxSize", database.assetBatchMaxSize())
            .put("assetBatchMaxInFlight", database.assetBatchMaxInFlight()))
        .put("auth", new JsonObject().put("jwtSecret", auth.jwtSecretGenerated() ? "(random, this process only)" : "***")
            .put("issuer", auth.jwtIssuer()).put("tokenTtlSeconds", auth.tokenTtlSeconds())
            .put("leewaySeconds", auth.jwtLeewaySeconds()).put("clientCacheMillis", auth.clientCacheMillis()))
        .put("wallets", new JsonObject()
            .put("masterKey", keys.walletMasterKey().isPresent() ? "***" : "(key file in data dir)")
            .put("keyGenerationSweepMillis", keys.keyGenerationSweepMillis()))
        .put("rateLimits", new JsonObject().put("enabled", limits.enabled())
            .put("clientPerSecond", limits.clientPerSecond()).put("clientBurst", limits.clientBurst())
            .put("apiKeyPerSecond", limits.apiKeyPerSecond()).put("apiKeyBurst", limits.apiKeyBurst())
            .put("addressPerSecond", limits.addressPerSecond()).put("addressBurst", limits.addressBurst()))
        .put("logging", new JsonObject().put("accessLog", logging.accessLogEnabled()))
        .put("metrics", new JsonObject().put("enabled", metrics.enabled()).put("path", metrics.path()))
        .put("registry", registryFile.map(Path::toString).orElse("(bundled)"))
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
