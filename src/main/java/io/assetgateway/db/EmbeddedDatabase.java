package io.assetgateway.db;

import io.assetgateway.common.SecretFiles;
import io.assetgateway.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.regex.Pattern;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database when no DATABASE_URL is set: a real PostgreSQL whose data lives in
 * {@code <dataDir>/postgres}, so a restart keeps every row. If a postmaster already serves that
 * directory (the server is running while the CLI is used), we connect to it instead of starting another.
 *
 * <p>It listens on 127.0.0.1 only, with no Unix socket, and every connection needs the password kept (mode 600) in
 * {@code <dataDir>/postgres.password}: the library's own set-up trusts every local user as superuser, and a superuser
 * can read any file the server can ({@code COPY ... TO PROGRAM}), the wallet master key included.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";
  static final String PASSWORD_FILE = "postgres.password";
  private static final String AUTH_METHOD = "scram-sha-256";
  /** A pg_hba.conf rule (not a comment) whose method, its last field, is trust. */
  private static final Pattern TRUST_RULE = Pattern.compile("^(\\s*[^#\\s].*\\s)trust(\\s*(#.*)?)$");

  private final EmbeddedPostgres started;
  private final DatabaseUrl url;

  private EmbeddedDatabase(EmbeddedPostgres started, DatabaseUrl url) {
    this.started = started;
    this.url = url;
  }

  /** Connects to the postmaster already serving dataDir, or starts one. */
  public static EmbeddedDatabase connectOrStart(Path dataDir) throws IOException {
    Path pgData = dataDir.resolve("postgres").toAbsolutePath();
    Path passwordFile = dataDir.resolve(PASSWORD_FILE).toAbsolutePath();
    boolean initialised = Files.isRegularFile(pgData.resolve("postgresql.conf"));
    boolean trustsEveryone = initialised && trustsConnections(pgData.resolve("pg_hba.conf"));
    if (initialised && !trustsEveryone && !Files.isRegularFile(passwordFile)) {
      throw new IOException(passwordFile + " is missing: the embedded PostgreSQL in " + pgData
          + " needs its password (restore the file from a backup of " + dataDir.toAbsolutePath() + ")");
    }
    String password = SecretFiles.readOrCreate(passwordFile,
        () -> Base64.getUrlEncoder().withoutPadding().encodeToString(SecretFiles.randomBytes(32))).value();

    Integer runningPort = runningPostmasterPort(pgData);
    if (runningPort != null) {
      LOG.info("Using the embedded PostgreSQL already running on port {} for {}", runningPort, pgData);
      return new EmbeddedDatabase(null, new DatabaseUrl("127.0.0.1", runningPort, DATABASE, USER, password));
    }
    Files.createDirectories(pgData);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        // initdb options: the library passes "-A trust" first, and initdb takes the last --auth given
        .setLocaleConfig("auth", AUTH_METHOD)
        .setLocaleConfig("pwfile", passwordFile.toString())
        .setConnectConfig("password", password) // the library's own readiness check connects too
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("unix_socket_directories", "''")
        .setServerConfig("password_encryption", AUTH_METHOD)
        .setServerConfig("max_connections", "200")
        // The library starts PostgreSQL with fsync and synchronous_commit off (test defaults); this is the
        // system of record of the default deployment, so a committed row must survive a power cut.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .start();
    DatabaseUrl url = new DatabaseUrl("127.0.0.1", pg.getPort(), DATABASE, USER, password);
    if (trustsEveryone) {
      try {
        requirePassword(pg, url, pgData.resolve("pg_hba.conf"));
      } catch (IOException | SQLException | RuntimeException e) {
        pg.close();
        throw new IOException("cannot switch " + pgData + " from trust to password authentication: " + e.getMessage(), e);
      }
    }
    LOG.info("Started embedded PostgreSQL on 127.0.0.1:{} with data in {}", pg.getPort(), pgData);
    return new EmbeddedDatabase(pg, url);
  }

  /** True if pg_hba.conf lets anyone in without a password (data directories made before passwords were set). */
  static boolean trustsConnections(Path hba) throws IOException {
    return Files.readAllLines(hba).stream().anyMatch(line -> TRUST_RULE.matcher(line).matches());
  }

  /**
   * Upgrades a data directory made with trust authentication: gives the superuser the password, then rewrites
   * pg_hba.conf to require it and reloads. Until the reload, the old rules apply, as they did before this start.
   */
  private static void requirePassword(EmbeddedPostgres pg, DatabaseUrl url, Path hba) throws IOException, SQLException {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement()) {
      s.execute("SET password_encryption = '" + AUTH_METHOD + "'");
      s.execute("ALTER ROLE " + USER + " PASSWORD '" + url.password().replace("'", "''") + "'");
      List<String> lines = Files.readAllLines(hba).stream()
          .map(line -> TRUST_RULE.matcher(line).replaceFirst("$1" + AUTH_METHOD + "$2"))
          .toList();
      Path draft = hba.resolveSibling("pg_hba.conf.new");
      Files.write(draft, lines);
      Files.move(draft, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      s.execute("SELECT pg_reload_conf()");
    }
    LOG.warn("The embedded PostgreSQL in {} allowed every local user in without a password; it now requires the"
        + " password in {}", hba.getParent(), hba.getParent().resolveSibling(PASSWORD_FILE));
  }

  public DatabaseUrl url() {
    return url;
  }

  /** Port of a live postmaster for pgData, read from postmaster.pid (line 4), or null. */
  static Integer runningPostmasterPort(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    try {
      if (!Files.isRegularFile(pidFile)) {
        return null;
      }
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) {
        return null;
      }
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && answers(port)) {
        return port;
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debug("Ignoring unreadable {}", pidFile, e);
    }
    return null;
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the postmaster if this process started it. */
  @Override
  public void close() {
    if (started != null) {
      try {
        started.close();
      } catch (IOException e) {
        LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
    }
  }
}
