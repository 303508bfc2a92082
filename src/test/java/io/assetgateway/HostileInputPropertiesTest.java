package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** Hostile input everywhere: always a JSON 4xx, never a 500, a stack trace or SQL, never a row written. */
class HostileInputPropertiesTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> FIELDS = List.of("account_id", "symbol", "chain", "wallet_name", "description",
      "wallet_id", "label", "account_type", "x", "from_address", "to_address", "token_symbol", "amount", "memo",
      "operation");
  private static Fixtures.TestClient client;
  private static String token;
  private static int port;

  private static synchronized void init() {
    if (client == null) {
      port = TestGateway.shared().port();
      client = Fixtures.get().client("Hostile", 0, List.of()); // max_wallets 0: not even a wallet may be made
      token = new io.assetgateway.support.Api(port).bearer(client);
    }
  }

  record Answer(int status, String body) {}

  static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertJson4xx(Answer a) {
    assertTrue(a.status() >= 400 && a.status() < 500, () -> "want a 4xx: " + a);
    JsonObject body = new JsonObject(a.body());
    assertEquals(Set.of("code", "type", "message"), body.fieldNames(), a::toString);
    String text = a.body();
    assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("SELECT")
        || text.contains("INSERT") || text.contains("io.vertx"), () -> "leaks internals: " + a);
  }

  @Property(tries = 400)
  void bodiesOnEveryWriteRoute(@ForAll("hostileBodies") byte[] body,
      @ForAll("writeRoutes") String path) {
    init();
    assertJson4xx(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
  }

  @Property(tries = 200)
  void junkHeaders(@ForAll("junk") String authorization, @ForAll("junk") String requestId) {
    init();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/wallets"));
    try {
      b.header("Authorization", authorization).header("X-Request-Id", requestId).header("X-API-Key", authorization);
    } catch (IllegalArgumentException e) {
      Assume.that(false); // a header value the HTTP client itself refuses to send
    }
    assertJson4xx(send(b.GET()));
  }

  @Property(tries = 200)
  void junkQueryParameters(@ForAll("junk") String page, @ForAll("junk") String pageSize) {
    init();
    Answer a = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/assets?page="
            + URLEncoder.encode(page, StandardCharsets.UTF_8) + "&page_size=" + URLEncoder.encode(pageSize, StandardCharsets.UTF_8)))
        .header("Authorization", "Bearer " + token).GET());
    boolean valid = isInt(page, 1, 10_000_000) && isInt(pageSize, 1, 100);
    if (valid) {
      assertEquals(200, a.status(), a::toString);
    } else {
      assertJson4xx(a);
      assertEquals("invalid_parameter", new JsonObject(a.body()).getString("code"));
    }
  }

  @Property(tries = 300)
  void junkPathIds(@ForAll("junk") String id, @ForAll("readRoutes") String collection) {
    init();
    // "" and "." are the collection itself (RFC 3986 dot segment): the list answers, rightly
    Assume.that(!id.isEmpty() && !id.equals("."));
    assertJson4xx(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + collection + "/"
            + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")))
        .header("Authorization", "Bearer " + token).GET()));
  }

  @AfterContainer
  static void nothingWritten() {
    if (client != null) {
      Fixtures fx = Fixtures.get();
      assertEquals(0, fx.count("SELECT count(*) FROM wallets WHERE client_id = $1", client.clientId()));
      assertEquals(0, fx.count("SELECT count(*) FROM accounts WHERE client_id = $1", client.clientId()));
      assertEquals(0, fx.count("SELECT count(*) FROM assets WHERE client_id = $1", client.clientId()));
      assertEquals(0, fx.count("SELECT count(*) FROM transactions WHERE client_id = $1", client.clientId()));
    }
  }

  private static boolean isInt(String s, int min, int max) {
    try {
      int v = Integer.parseInt(s);
      return v >= min && v <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Provide
  Arbitrary<String> writeRoutes() {
    return Arbitraries.of("/api/v1/assets", "/api/v1/wallets", "/api/v1/accounts", "/api/v1/transfer",
        "/api/v1/transactions");
  }

  @Provide
  Arbitrary<String> readRoutes() {
    return Arbitraries.of("/api/v1/assets", "/api/v1/wallets", "/api/v1/accounts", "/api/v1/transactions");
  }

  @Provide
  Arbitrary<String> junk() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.strings().withChars("0123456789-+. eE").ofMaxLength(12),
        Arbitraries.of("", "0", "-1", "1", "100", "101", "2147483648", "1e3", "null", "' OR 1=1 --", "%00", "../../etc",
            "acc_" + "A".repeat(40), "Bearer ", "Bearer x.y.z", "\u0000", "😀"));
  }

  @Provide
  Arbitrary<byte[]> hostileBodies() {
    Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(10));
    Arbitrary<String> scalars = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(50).map(HostileInputPropertiesTest::quote),
        Arbitraries.of("null", "true", "false", "0", "-0", "1e400", "-1e400", "123456789012345678901234567890",
            "3.14", "\"\"", "\"ETH\"", "\"ethereum\"", "\"INBOUND\"", "[]", "{}"),
        Arbitraries.integers().between(37, 70_000).map(n -> quote("a".repeat(n))));
    Arbitrary<String> objects = Arbitraries.maps(names, scalars).ofMaxSize(6).map(m -> {
      StringBuilder sb = new StringBuilder("{");
      m.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
      return sb.append('}').toString();
    });
    Arbitrary<String> text = Arbitraries.oneOf(
        objects,
        objects.map(o -> o.equals("{}") ? "{\"symbol\":\"ETH\",\"symbol\":\"DOGE\"}" : o.replaceFirst("\\{", "{\"symbol\":\"ETH\",")), // duplicate keys
        Arbitraries.integers().between(1, 5000).map(n -> "[".repeat(n) + "]".repeat(n)),                                   // deep nesting
        Arbitraries.integers().between(1, 3000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
        scalars,
        Arbitraries.strings().ofMaxLength(200));                                                                            // not JSON
    Arbitrary<byte[]> invalidUtf8 = Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
        .map(b -> ("{\"account_id\":\"" + new String(b, StandardCharsets.ISO_8859_1) + "\"}").getBytes(StandardCharsets.ISO_8859_1));
    return Arbitraries.oneOf(text.map(t -> t.getBytes(StandardCharsets.UTF_8)), invalidUtf8,
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
  }

  private static String quote(String s) {
    return new JsonObject().put("s", s).encode().substring(5, new JsonObject().put("s", s).encode().length() - 1);
  }
}
