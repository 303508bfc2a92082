package io.assetgateway.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The embedded PostgreSQL is not open to every local user")
class EmbeddedDatabaseTest {

  static String query(DatabaseUrl url, String user, String password, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), user, password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static void assertPasswordRequired(DatabaseUrl url) {
    io.assetgateway.support.Secrets.remember(url.password()); // checked against the whole run's log at the end
    assertThrows(SQLException.class, () -> query(url, "postgres", null, "SELECT 1"), "no password");
    assertThrows(SQLException.class, () -> query(url, "postgres", "guess", "SELECT 1"), "a wrong password");
  }

  @Test
  @DisplayName("a new one: password authentication with a generated password (mode 600), 127.0.0.1 only, no Unix socket")
  void passwordFromTheStart(@TempDir Path dataDir) throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.connectOrStart(dataDir)) {
      DatabaseUrl url = db.url();
      Path passwordFile = dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
      assertEquals(Files.readString(passwordFile).strip(), url.password());
      assertFalse(url.redacted().contains(url.password()), "the password stays out of logs");

      assertPasswordRequired(url);
      assertEquals("1", query(url, "postgres", url.password(), "SELECT 1"));
      assertEquals("127.0.0.1", query(url, "postgres", url.password(), "SHOW listen_addresses"));
      assertEquals("", query(url, "postgres", url.password(), "SHOW unix_socket_directories"));
      assertFalse(EmbeddedDatabase.trustsConnections(dataDir.resolve("postgres/pg_hba.conf")));

      try (EmbeddedDatabase cli = EmbeddedDatabase.connectOrStart(dataDir)) {
        assertEquals(url, cli.url(), "a second process (the CLI) reads the same password and finds the running server");
      }
    }
  }

  @Test
  @DisplayName("a data directory made by the trust set-up is switched to the password on its next start, rows kept")
  void trustDirectoryIsUpgraded(@TempDir Path dataDir) throws Exception {
    Path pgData = dataDir.resolve("postgres");
    try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).start();
        Connection c = old.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('row from before')");
    }
    assertTrue(EmbeddedDatabase.trustsConnections(pgData.resolve("pg_hba.conf")), "the library's set-up trusts everyone");

    try (EmbeddedDatabase db = EmbeddedDatabase.connectOrStart(dataDir)) {
      DatabaseUrl url = db.url();
      assertPasswordRequired(url);
      assertEquals("row from before", query(url, "postgres", url.password(), "SELECT v FROM kept"));
      assertFalse(EmbeddedDatabase.trustsConnections(pgData.resolve("pg_hba.conf")));
    }
    try (EmbeddedDatabase again = EmbeddedDatabase.connectOrStart(dataDir)) {
      assertPasswordRequired(again.url());
      assertEquals("row from before", query(again.url(), "postgres", again.url().password(), "SELECT v FROM kept"));
    }
  }

  @Test
  @DisplayName("a password-protected data directory without its password file fails with a line naming the file")
  void missingPasswordFile(@TempDir Path dataDir) throws Exception {
    EmbeddedDatabase.connectOrStart(dataDir).close();
    Files.delete(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE));
    IOException e = assertThrows(IOException.class, () -> EmbeddedDatabase.connectOrStart(dataDir).close());
    assertTrue(e.getMessage().contains(EmbeddedDatabase.PASSWORD_FILE + " is missing"), e::getMessage);
    assertFalse(Files.exists(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)), "no new password is invented");
  }
}
