package io.assetgateway.config;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;

/**
 * A parsed {@code postgresql://user:pass@host:port/db?sslmode=...&sslrootcert=...} URL, usable by both the reactive
 * client and JDBC with the same TLS settings. {@code sslmode} and {@code sslrootcert} mean what they mean to libpq.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, SslMode sslMode,
    Optional<Path> sslRootCert) {

  /** libpq's sslmode values that say what is required (allow and prefer promise nothing, so they are refused). */
  public enum SslMode {
    /** No TLS. */
    DISABLE("disable", io.vertx.pgclient.SslMode.DISABLE),
    /** TLS, the server's certificate not checked (checked as verify-ca when sslrootcert is given, as libpq does). */
    REQUIRE("require", io.vertx.pgclient.SslMode.REQUIRE),
    /** TLS, the certificate must chain to a trusted root. */
    VERIFY_CA("verify-ca", io.vertx.pgclient.SslMode.VERIFY_CA),
    /** TLS, the certificate must chain to a trusted root and name the host connected to. */
    VERIFY_FULL("verify-full", io.vertx.pgclient.SslMode.VERIFY_FULL);

    private final String libpqName;
    private final io.vertx.pgclient.SslMode vertx;

    SslMode(String libpqName, io.vertx.pgclient.SslMode vertx) {
      this.libpqName = libpqName;
      this.vertx = vertx;
    }

    public String libpqName() {
      return libpqName;
    }

    static Optional<SslMode> of(String name) {
      return Arrays.stream(values()).filter(m -> m.libpqName.equals(name)).findFirst();
    }
  }

  private static final List<String> PARAMETERS = List.of("sslmode", "sslrootcert");

  public DatabaseUrl {
    sslRootCert = sslRootCert == null ? Optional.empty() : sslRootCert;
    sslMode = sslMode == null ? SslMode.DISABLE : sslMode;
  }

  /** Without TLS (embedded database, tests). */
  public DatabaseUrl(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, SslMode.DISABLE, Optional.empty());
  }

  /** Parses the URL; the error names the given setting so start-up can say which one is wrong. */
  public static DatabaseUrl parse(String setting, String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException(setting, "not a URL of the form postgresql://user:pass@host:port/db");
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new ConfigException(setting, "scheme must be postgresql:// (got " + scheme + ")");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new ConfigException(setting, "host is missing");
    }
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String database = decode(path.startsWith("/") ? path.substring(1) : path);
    if (database.isEmpty()) {
      throw new ConfigException(setting, "database name is missing (postgresql://user:pass@host:port/db)");
    }
    String user = "postgres";
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    Map<String, String> query = query(setting, uri.getRawQuery());
    SslMode sslMode = SslMode.DISABLE;
    if (query.containsKey("sslmode")) {
      sslMode = SslMode.of(query.get("sslmode")).orElseThrow(() -> new ConfigException(setting,
          "sslmode must be one of " + Arrays.stream(SslMode.values()).map(SslMode::libpqName)
              .collect(Collectors.joining(", ")) + " (got " + query.get("sslmode") + ")"));
    }
    Optional<Path> rootCert = Optional.empty();
    String rootCertValue = query.get("sslrootcert");
    if (rootCertValue != null) {
      if (sslMode == SslMode.DISABLE) {
        throw new ConfigException(setting, "sslrootcert needs sslmode=verify-full, verify-ca or require");
      }
      rootCert = Optional.of(readableCertificates(setting, Path.of(rootCertValue)));
    }
    return new DatabaseUrl(host, port, database, user, password, sslMode, rootCert);
  }

  /** The query string's parameters; unknown or repeated ones are refused by name (never silently dropped). */
  private static Map<String, String> query(String setting, String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    List<String> unknown = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!PARAMETERS.contains(name)) {
        unknown.add(name);
      } else if (parameters.put(name, value) != null) {
        throw new ConfigException(setting, "parameter " + name + " is given twice");
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException(setting, "unknown parameter" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + " (supported: " + String.join(", ", PARAMETERS) + ")");
    }
    return parameters;
  }

  private static Path readableCertificates(String setting, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new ConfigException(setting, "sslrootcert " + file + " holds no PEM certificate");
      }
    } catch (IOException e) {
      throw new ConfigException(setting, "sslrootcert " + file + " cannot be read (" + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw new ConfigException(setting, "sslrootcert " + file + " is not a PEM certificate file (" + e.getMessage() + ")");
    }
    return file.toAbsolutePath();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The same server with another database name (tests create one database per run). */
  public DatabaseUrl withDatabase(String otherDatabase) {
    return new DatabaseUrl(host, port, otherDatabase, user, password, sslMode, sslRootCert);
  }

  /** The mode actually enforced: libpq checks the chain under require too once a root certificate is given. */
  SslMode effectiveSslMode() {
    return sslMode == SslMode.REQUIRE && sslRootCert.isPresent() ? SslMode.VERIFY_CA : sslMode;
  }

  /** Reactive client options, TLS included. */
  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(host).setPort(port).setDatabase(database).setUser(user);
    if (password != null) {
      options.setPassword(password);
    }
    SslMode mode = effectiveSslMode();
    options.setSslMode(mode.vertx);
    if (mode != SslMode.DISABLE) {
      ClientSSLOptions ssl = new ClientSSLOptions();
      if (mode == SslMode.REQUIRE) {
        ssl.setTrustAll(true); // libpq's require: encrypted, whoever answers
      } else {
        ssl.setTrustOptions(sslRootCert.<TrustOptions>map(p -> new PemTrustOptions().addCertPath(p.toString()))
            .orElseGet(DatabaseUrl::jvmTrustedRoots));
      }
      ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
      options.setSslOptions(ssl);
    }
    return options;
  }

  private static TrustOptions jvmTrustedRoots() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return TrustOptions.wrap(factory);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM's trusted roots cannot be loaded", e);
    }
  }

  /** The JDBC URL (Flyway and start-up checks), with the same TLS settings as the reactive client. */
  public String jdbcUrl() {
    SslMode mode = effectiveSslMode();
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
        .append(encode(database)).append("?sslmode=").append(mode.libpqName);
    if (sslRootCert.isPresent()) {
      url.append("&sslrootcert=").append(encode(sslRootCert.get().toString()));
    } else if (mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL) {
      // pgjdbc would look for ~/.postgresql/root.crt; without sslrootcert we trust what the JVM trusts
      url.append("&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
    }
    return url.toString();
  }

  /** The URL form, with the password masked, for logs. */
  public String redacted() {
    return "postgresql://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database
        + queryString(false);
  }

  /** The URL form, password included, for handing to another process or command. */
  public String toUrl() {
    String auth = encode(user) + (password == null ? "" : ":" + encode(password));
    return "postgresql://" + auth + "@" + host + ":" + port + "/" + encode(database) + queryString(true);
  }

  private String queryString(boolean encoded) {
    if (sslMode == SslMode.DISABLE) {
      return "";
    }
    return "?sslmode=" + sslMode.libpqName + sslRootCert.map(p -> "&sslrootcert="
        + (encoded ? encode(p.toString()) : p.toString())).orElse("");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return redacted();
  }
}
