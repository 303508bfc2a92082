package io.assetgateway.config;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A parsed {@code postgresql://user:pass@host:port/db} URL, usable by both the reactive client and JDBC. */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

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
    return new DatabaseUrl(host, port, database, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The same server with another database name (tests create one database per run). */
  public DatabaseUrl withDatabase(String otherDatabase) {
    return new DatabaseUrl(host, port, otherDatabase, user, password);
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(host).setPort(port).setDatabase(database).setUser(user);
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The URL form, with the password masked, for logs. */
  public String redacted() {
    return "postgresql://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database;
  }

  /** The URL form, password included, for handing to another process or command. */
  public String toUrl() {
    String auth = encode(user) + (password == null ? "" : ":" + encode(password));
    return "postgresql://" + auth + "@" + host + ":" + port + "/" + encode(database);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return redacted();
  }
}
