package io.assetgateway.support;

import io.assetgateway.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One fresh, empty PostgreSQL database for this test run, from the first source that works:
 * TEST_DATABASE_URL (a database is created on that server and dropped at the end), then Testcontainers
 * when a Docker engine answers, then an embedded PostgreSQL. Otherwise the run fails, naming the options.
 */
public final class TestDatabase {
  private static DatabaseUrl url;
  private static String source;
  /** Where databases are created and dropped: TEST_DATABASE_URL's database, else this run's own. */
  private static DatabaseUrl admin;

  private TestDatabase() {}

  /** The URL of this run's database, created on first use. */
  public static synchronized DatabaseUrl url() {
    if (url == null) {
      url = create();
      if (admin == null) {
        admin = url; // a container or embedded server of our own: the run's database is as good as any
      }
    }
    return url;
  }

  /**
   * Another fresh, empty database on the same server (dropped at exit), for tests that need a database of their own,
   * such as one whose wallets are sealed under another master key.
   */
  public static synchronized DatabaseUrl another() {
    try {
      url();
      return freshDatabaseOn(admin);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create another test database on " + url().redacted() + ": " + e.getMessage(), e);
    }
  }

  public static synchronized String source() {
    url();
    return source;
  }

  private static DatabaseUrl create() {
    StringBuilder tried = new StringBuilder();
    String fromEnv = System.getenv("TEST_DATABASE_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      DatabaseUrl server = DatabaseUrl.parse("TEST_DATABASE_URL", fromEnv);
      try {
        DatabaseUrl fresh = freshDatabaseOn(server);
        admin = server;
        source = "database " + fresh.database() + " on " + server.redacted();
        return fresh;
      } catch (Exception e) {
        throw new IllegalStateException("TEST_DATABASE_URL=" + server.redacted() + " is set but unusable: " + e.getMessage(), e);
      }
    }
    tried.append("TEST_DATABASE_URL is not set; ");
    try {
      if (org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
        var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:17-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        source = "Testcontainers " + container.getDockerImageName();
        return new DatabaseUrl(container.getHost(), container.getFirstMappedPort(), container.getDatabaseName(),
            container.getUsername(), container.getPassword());
      }
      tried.append("no Docker engine answers for Testcontainers; ");
    } catch (Throwable e) {
      tried.append("Testcontainers failed (").append(e.getMessage()).append("); ");
    }
    try {
      Path dir = Files.createTempDirectory("asset-gateway-test-pg");
      EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (Exception ignored) {
          // the JVM is exiting
        }
      }));
      source = "embedded PostgreSQL in " + dir;
      return new DatabaseUrl("127.0.0.1", pg.getPort(), "postgres", "postgres", null);
    } catch (Throwable e) {
      tried.append("embedded PostgreSQL failed (").append(e.getMessage()).append(")");
    }
    throw new IllegalStateException("No PostgreSQL for the tests: " + tried
        + ". Set TEST_DATABASE_URL=postgresql://user:pass@host:port/db (a server the tests may create databases on),"
        + " or run a Docker engine for Testcontainers, or allow the embedded PostgreSQL to start.");
  }

  private static DatabaseUrl freshDatabaseOn(DatabaseUrl server) throws Exception {
    String name = "asset_gateway_test_" + System.currentTimeMillis() + "_"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt()).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (Exception ignored) {
        // best effort: a leftover database has a unique name and is never reused
      }
    }));
    return server.withDatabase(name);
  }
}
