package io.assetgateway.db;

import io.assetgateway.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database when no DATABASE_URL is set: a real PostgreSQL whose data lives in
 * {@code <dataDir>/postgres}, so a restart keeps every row. If a postmaster already serves that
 * directory (the server is running while the CLI is used), we connect to it instead of starting another.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";

  private final EmbeddedPostgres started;
  private final DatabaseUrl url;

  private EmbeddedDatabase(EmbeddedPostgres started, DatabaseUrl url) {
    this.started = started;
    this.url = url;
  }

  /** Connects to the postmaster already serving dataDir, or starts one. */
  public static EmbeddedDatabase connectOrStart(Path dataDir) throws IOException {
    Path pgData = dataDir.resolve("postgres").toAbsolutePath();
    Integer runningPort = runningPostmasterPort(pgData);
    if (runningPort != null) {
      LOG.info("Using the embedded PostgreSQL already running on port {} for {}", runningPort, pgData);
      return new EmbeddedDatabase(null, new DatabaseUrl("127.0.0.1", runningPort, DATABASE, USER, null));
    }
    Files.createDirectories(pgData);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "200")
        // The library starts PostgreSQL with fsync and synchronous_commit off (test defaults); this is the
        // system of record of the default deployment, so a committed row must survive a power cut.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .start();
    LOG.info("Started embedded PostgreSQL on port {} with data in {}", pg.getPort(), pgData);
    return new EmbeddedDatabase(pg, new DatabaseUrl("127.0.0.1", pg.getPort(), DATABASE, USER, null));
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
