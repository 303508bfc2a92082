package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.config.ConfigException;
import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Migrations;
import io.assetgateway.db.Pools;
import io.assetgateway.support.Api;
import io.assetgateway.support.TestCertificates;
import io.assetgateway.support.TestDatabase;
import io.assetgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TLS to PostgreSQL: DATABASE_URL's sslmode and sslrootcert, on the reactive and the JDBC path")
class DatabaseTlsTest {
  static final String IS_TLS = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

  @TempDir static Path dir;
  static EmbeddedPostgres tlsServer;
  static Path rootCert;
  static Path otherRootCert;
  static Vertx vertx;

  @BeforeAll
  static void startTlsServer() throws Exception {
    TestCertificates authority = TestCertificates.authority("asset-gateway test CA");
    authority.writeServerCertificate("localhost", dir);
    rootCert = authority.writeCertificate(dir.resolve("root.crt"));
    otherRootCert = TestCertificates.authority("someone else's CA").writeCertificate(dir.resolve("other-root.crt"));
    tlsServer = EmbeddedPostgres.builder()
        .setDataDirectory(dir.resolve("pgdata"))
        .setPGStartupWait(java.time.Duration.ofSeconds(60))
        .setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", dir.resolve("server.crt").toString())
        .setServerConfig("ssl_key_file", dir.resolve("server.key").toString())
        .start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    tlsServer.close();
  }

  static DatabaseUrl url(String host, String query) {
    return GatewayConfig.fromSources(new JsonObject(), Map.of("DATABASE_URL",
        "postgresql://postgres@" + host + ":" + tlsServer.getPort() + "/postgres" + query)).database().url().orElseThrow();
  }

  static String rootCertParameter(Path file) {
    return "&sslrootcert=" + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8);
  }

  /** Whether the reactive pool's connection is TLS (as the server sees it). */
  static boolean reactiveTls(DatabaseUrl url) throws Exception {
    Pool pool = Pools.create(vertx, url, TestGateway.config(Map.of()), 1);
    try {
      return pool.query(IS_TLS).execute().await(30, TimeUnit.SECONDS).iterator().next().getBoolean(0);
    } finally {
      pool.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Whether the JDBC connection (Flyway's URL) is TLS (as the server sees it). */
  static boolean jdbcTls(DatabaseUrl url) throws Exception {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(IS_TLS)) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Both paths fail to connect, for a TLS reason (not, say, a bad option). */
  static void assertBothRefuse(DatabaseUrl url) {
    for (Exception e : java.util.List.of(assertThrows(Exception.class, () -> reactiveTls(url), "reactive client"),
        assertThrows(Exception.class, () -> jdbcTls(url), "JDBC"))) {
      StringBuilder chain = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        chain.append(t).append(" <- ");
      }
      assertTrue(chain.toString().matches("(?is).*(certificat|ssl|pkix|hostname|handshake).*"), chain::toString);
    }
  }

  @Test
  @DisplayName("sslmode=require connects with TLS on both paths, and Flyway migrates over it")
  void require() throws Exception {
    DatabaseUrl url = url("127.0.0.1", "?sslmode=require");
    assertTrue(reactiveTls(url));
    assertTrue(jdbcTls(url));
    Migrations.apply(url);
    assertEquals("postgresql://postgres@127.0.0.1:" + tlsServer.getPort() + "/postgres?sslmode=require", url.redacted());
  }

  @Test
  @DisplayName("sslmode=require against a server without TLS fails on both paths (never falls back to plain text)")
  void requireWithoutServerTls() {
    DatabaseUrl plain = TestDatabase.url();
    DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", plain.toUrl() + "?sslmode=require");
    assertBothRefuse(url);
  }

  @Test
  @DisplayName("verify-full with the server's root certificate connects with TLS on both paths")
  void verifyFull() throws Exception {
    DatabaseUrl url = url("localhost", "?sslmode=verify-full" + rootCertParameter(rootCert));
    assertTrue(reactiveTls(url));
    assertTrue(jdbcTls(url));
  }

  @Test
  @DisplayName("verify-full refuses a certificate from another root, a certificate for another name, and untrusted roots")
  void verifyFullRefuses() {
    assertBothRefuse(url("localhost", "?sslmode=verify-full" + rootCertParameter(otherRootCert)));
    assertBothRefuse(url("127.0.0.1", "?sslmode=verify-full" + rootCertParameter(rootCert)));
    assertBothRefuse(url("localhost", "?sslmode=verify-full")); // the JVM's trusted roots do not include the test CA
  }

  @Test
  @DisplayName("verify-ca checks the chain but not the name; require with sslrootcert checks the chain too (as libpq)")
  void verifyCa() throws Exception {
    DatabaseUrl url = url("127.0.0.1", "?sslmode=verify-ca" + rootCertParameter(rootCert));
    assertTrue(reactiveTls(url));
    assertTrue(jdbcTls(url));
    assertBothRefuse(url("127.0.0.1", "?sslmode=verify-ca" + rootCertParameter(otherRootCert)));
    assertBothRefuse(url("127.0.0.1", "?sslmode=require" + rootCertParameter(otherRootCert)));
  }

  @Test
  @DisplayName("the server started on a verify-full DATABASE_URL serves, and every connection it opens is TLS")
  void serverOverTls() throws Exception {
    DatabaseUrl url = url("localhost", "?sslmode=verify-full" + rootCertParameter(rootCert));
    try (GatewayServer server = GatewayServer.start(TestGateway.config(Map.of("HTTP_PORT", "0", "HTTP_INSTANCES", "1"))
        .withDatabaseUrl(url))) {
      assertEquals(200, new Api(server.port()).send("GET", "/health", Map.of()).status());
      try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE ssl), count(*) FILTER (WHERE NOT ssl)"
              + " FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE backend_type = 'client backend'")) {
        rs.next();
        assertTrue(rs.getLong(1) >= 2, "the server's pool and this connection");
        assertEquals(0, rs.getLong(2), "no plain-text client connection");
      }
    }
  }

  @Test
  @DisplayName("unknown parameters, unknown sslmode values and unreadable root certificates stop start-up with a line naming them")
  void badParameters() throws Exception {
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> url("localhost", "?sslmode=require&application_name=x&connect_timeout=3"));
    assertEquals("DATABASE_URL: unknown parameters application_name, connect_timeout (supported: sslmode, sslrootcert)",
        unknown.getMessage());
    ConfigException prefer = assertThrows(ConfigException.class, () -> url("localhost", "?sslmode=prefer"));
    assertEquals("DATABASE_URL: sslmode must be one of disable, require, verify-ca, verify-full (got prefer)",
        prefer.getMessage());
    ConfigException missing = assertThrows(ConfigException.class,
        () -> url("localhost", "?sslmode=verify-full" + rootCertParameter(dir.resolve("nope.crt"))));
    assertTrue(missing.getMessage().startsWith("DATABASE_URL: sslrootcert " + dir.resolve("nope.crt")), missing::getMessage);
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    assertThrows(ConfigException.class, () -> url("localhost", "?sslmode=verify-full" + rootCertParameter(notPem)));
    assertThrows(ConfigException.class, () -> url("localhost", "?sslrootcert=" + rootCert), "sslrootcert without TLS");
    ConfigException twice = assertThrows(ConfigException.class, () -> url("localhost", "?sslmode=require&sslmode=disable"));
    assertEquals("DATABASE_URL: parameter sslmode is given twice", twice.getMessage());
  }

  @Test
  @DisplayName("the settings survive toUrl (the CLI hands the URL on) and show in the logged URL")
  void roundTrip() {
    DatabaseUrl url = url("localhost", "?sslmode=verify-full" + rootCertParameter(rootCert));
    assertEquals(url, DatabaseUrl.parse("DATABASE_URL", url.toUrl()));
    assertEquals(url.withDatabase("other").sslMode(), DatabaseUrl.SslMode.VERIFY_FULL);
    assertTrue(url.redacted().endsWith("?sslmode=verify-full&sslrootcert=" + rootCert), url::redacted);
    assertFalse(url("localhost", "").redacted().contains("?"), "no TLS: the URL as before");
  }
}
