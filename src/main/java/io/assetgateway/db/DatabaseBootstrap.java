package io.assetgateway.db;

import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the database (DATABASE_URL, else the embedded one) and migrates it; shared by the server and the CLI. */
public final class DatabaseBootstrap implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);

  private final DatabaseUrl url;
  private final EmbeddedDatabase embedded;
  private final String schemaVersion;

  private DatabaseBootstrap(DatabaseUrl url, EmbeddedDatabase embedded, String schemaVersion) {
    this.url = url;
    this.embedded = embedded;
    this.schemaVersion = schemaVersion;
  }

  /** Resolves and migrates the database, or fails with a one-line explanation. */
  public static DatabaseBootstrap prepare(GatewayConfig config) {
    EmbeddedDatabase embedded = null;
    DatabaseUrl url;
    if (config.database().url().isPresent()) {
      url = config.database().url().get();
    } else {
      try {
        embedded = EmbeddedDatabase.connectOrStart(config.database().dataDir());
      } catch (Exception | LinkageError e) {
        throw new StartupException("The embedded PostgreSQL could not start in " + config.database().dataDir().toAbsolutePath()
            + " (" + rootMessage(e) + "). Set DATABASE_URL=postgresql://user:pass@host:port/db to use a PostgreSQL"
            + " server instead.", e);
      }
      url = embedded.url();
    }
    String version;
    try {
      int applied = Migrations.apply(url).migrationsExecuted;
      version = Migrations.currentVersion(url);
      LOG.info("Database {} is at schema version {} ({} migration(s) applied now)", url.redacted(), version, applied);
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw new StartupException("Cannot prepare the database " + url.redacted() + ": " + rootMessage(e), e);
    }
    return new DatabaseBootstrap(url, embedded, version);
  }

  public DatabaseUrl url() {
    return url;
  }

  /** The schema version this process migrated to: readiness requires the database to be at least there. */
  public String schemaVersion() {
    return schemaVersion;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }

  /** Stops the embedded PostgreSQL if this process started it. */
  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
