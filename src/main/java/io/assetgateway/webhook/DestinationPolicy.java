package io.assetgateway.webhook;

import io.assetgateway.common.Cidr;
import io.assetgateway.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may go: http(s) URLs whose host resolves only to public addresses. Loopback, private, link-local,
 * unique-local, multicast, unspecified and reserved destinations are refused (a client must not make the server
 * call into its own network) unless WEBHOOK_ALLOW_PRIVATE=true. Checked when a URL is configured and again before
 * every attempt, after DNS resolution; the attempt then connects to the address that was checked.
 */
public final class DestinationPolicy {
  static final int MAX_URL_LENGTH = 2048;

  /** Non-public ranges (IANA special-purpose registries), each with the word a refusal uses for it. */
  private record Blocked(Cidr range, String kind) {}

  private static final List<Blocked> BLOCKED = List.of(
      new Blocked(Cidr.parse("0.0.0.0/8"), "unspecified"),
      new Blocked(Cidr.parse("10.0.0.0/8"), "private"),
      new Blocked(Cidr.parse("100.64.0.0/10"), "private (shared address space)"),
      new Blocked(Cidr.parse("127.0.0.0/8"), "loopback"),
      new Blocked(Cidr.parse("169.254.0.0/16"), "link-local"),
      new Blocked(Cidr.parse("172.16.0.0/12"), "private"),
      new Blocked(Cidr.parse("192.0.0.0/24"), "reserved"),
      new Blocked(Cidr.parse("192.0.2.0/24"), "reserved (documentation)"),
      new Blocked(Cidr.parse("192.168.0.0/16"), "private"),
      new Blocked(Cidr.parse("198.18.0.0/15"), "reserved (benchmarking)"),
      new Blocked(Cidr.parse("198.51.100.0/24"), "reserved (documentation)"),
      new Blocked(Cidr.parse("203.0.113.0/24"), "reserved (documentation)"),
      new Blocked(Cidr.parse("224.0.0.0/4"), "multicast"),
      new Blocked(Cidr.parse("240.0.0.0/4"), "reserved"),
      new Blocked(Cidr.parse("::/128"), "unspecified"),
      new Blocked(Cidr.parse("::1/128"), "loopback"),
      new Blocked(Cidr.parse("::/96"), "reserved (IPv4-compatible)"),
      new Blocked(Cidr.parse("100::/64"), "reserved (discard)"),
      new Blocked(Cidr.parse("2001::/32"), "reserved (Teredo)"),
      new Blocked(Cidr.parse("2001:10::/28"), "reserved"),
      new Blocked(Cidr.parse("2001:db8::/32"), "reserved (documentation)"),
      new Blocked(Cidr.parse("fc00::/7"), "unique-local"),
      new Blocked(Cidr.parse("fe80::/10"), "link-local"),
      new Blocked(Cidr.parse("fec0::/10"), "site-local"),
      new Blocked(Cidr.parse("ff00::/8"), "multicast"));
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  /** A checked destination: connect to {@code address}, and name {@code host} in the Host header and TLS. */
  public record Destination(boolean ssl, String host, int port, String requestUri, InetAddress address) {}

  private final Vertx vertx;
  private final boolean allowPrivate;

  public DestinationPolicy(Vertx vertx, boolean allowPrivate) {
    this.vertx = vertx;
    this.allowPrivate = allowPrivate;
  }

  /** The destination of this URL, or an {@code invalid_parameter} failure saying why it may not be called. */
  public Future<Destination> check(String url) {
    URI uri;
    try {
      uri = parse(url);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ApiError.INVALID_PARAMETER.with(e.getMessage()));
    }
    boolean ssl = uri.getScheme().equalsIgnoreCase("https");
    String host = unbracketed(uri.getHost());
    int port = uri.getPort() >= 0 ? uri.getPort() : ssl ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    // DNS may block: never on an event loop
    return vertx.executeBlocking(() -> InetAddress.getAllByName(host), false)
        .recover(e -> Future.failedFuture(ApiError.INVALID_PARAMETER.with("webhook URL host " + host
            + " does not resolve" + (e instanceof UnknownHostException ? "" : " (" + e.getMessage() + ")"))))
        .compose(addresses -> {
          if (!allowPrivate) {
            for (InetAddress address : addresses) {
              Optional<String> kind = nonPublicKind(address);
              if (kind.isPresent()) {
                return Future.failedFuture(ApiError.INVALID_PARAMETER.with("webhook URL host " + host + " resolves to "
                    + address.getHostAddress() + ", a " + kind.get() + " address; only public destinations are allowed"
                    + " (WEBHOOK_ALLOW_PRIVATE=true lifts this for sandboxes and tests)"));
              }
            }
          }
          return Future.succeededFuture(new Destination(ssl, host, port, requestUri, addresses[0]));
        });
  }

  /** The URL as a java.net.URI with an http(s) scheme and a host, or IllegalArgumentException saying what is wrong. */
  static URI parse(String url) {
    if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
      throw new IllegalArgumentException("webhook URL must be 1.." + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("webhook URL is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("webhook URL must be http or https (got " + (scheme.isEmpty() ? "none" : scheme) + ")");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("webhook URL must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("webhook URL must not carry credentials (the signature authenticates the sender)");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("webhook URL must not have a fragment");
    }
    return uri;
  }

  /** Why this address is not public ("loopback", "private", ...), or empty for a public address. */
  static Optional<String> nonPublicKind(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Blocked blocked : BLOCKED) {
      if (blocked.range().contains(bytes)) {
        return Optional.of(blocked.kind());
      }
    }
    // IPv6 forms that carry an IPv4 address reach that address: judge the embedded one
    if (NAT64.contains(bytes)) {
      return embedded(Arrays.copyOfRange(bytes, 12, 16));
    }
    if (SIX_TO_FOUR.contains(bytes)) {
      return embedded(Arrays.copyOfRange(bytes, 2, 6));
    }
    return Optional.empty();
  }

  private static Optional<String> embedded(byte[] ipv4) {
    try {
      return nonPublicKind(InetAddress.getByAddress(ipv4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
