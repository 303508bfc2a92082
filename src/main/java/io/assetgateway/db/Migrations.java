package io.assetgateway.db;

import io.assetgateway.config.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned SQL in db/migration with Flyway (JDBC, start-up only; never on the request path). */
public final class Migrations {
  private Migrations() {}

  /** Migrates the database to the latest version; safe to run from several processes at once. */
  public static MigrateResult apply(DatabaseUrl url) {
    return flyway(url).migrate();
  }

  /** The schema version the database is at (after {@link #apply}: the newest this build knows). */
  public static String currentVersion(DatabaseUrl url) {
    var current = flyway(url).info().current();
    return current == null ? "0" : current.getVersion().getVersion();
  }

  private static Flyway flyway(DatabaseUrl url) {
    return Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        .connectRetries(2)
        .load();
  }
}
