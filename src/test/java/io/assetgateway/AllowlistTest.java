package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IP allowlists")
class AllowlistTest {
  static JsonObject allowlist(String clientId, String... args) {
    StringWriter out = new StringWriter();
    String[] full = new String[args.length + 3];
    full[0] = "clients";
    full[1] = "allowlist";
    full[2] = clientId;
    System.arraycopy(args, 0, full, 3, args.length);
    int exit = Main.commandLine(() -> TestGateway.config(Map.of())).setOut(new PrintWriter(out)).execute(full);
    assertEquals(0, exit);
    return new JsonObject(out.toString().strip());
  }

  /** Retries until the reply has the expected status (the allowlist is cached for 300 ms on the test server). */
  static Api.Reply eventually(int status, Supplier<Api.Reply> call) throws InterruptedException {
    Api.Reply reply = null;
    for (int i = 0; i < 40; i++) {
      reply = call.get();
      if (reply.status() == status) {
        return reply;
      }
      Thread.sleep(100);
    }
    return reply;
  }

  static Map<String, String> headers(String token, String forwardedFor) {
    Map<String, String> h = new HashMap<>();
    h.put("Authorization", "Bearer " + token);
    if (forwardedFor != null) {
      h.put("X-Forwarded-For", forwardedFor);
    }
    return h;
  }

  static Api.Reply token(Api api, Fixtures.TestClient c, String forwardedFor) {
    Map<String, String> h = new HashMap<>(Map.of("X-API-Key", c.apiKey(), "X-API-Secret", c.apiSecret()));
    if (forwardedFor != null) {
      h.put("X-Forwarded-For", forwardedFor);
    }
    return api.post("/api/v1/auth/token", h, "");
  }

  @Test
  @DisplayName("every authenticated call is checked, and CLI changes take effect within seconds")
  void everyCall() throws Exception {
    Api api = new Api(TestGateway.shared().port());
    Fixtures.TestClient c = Fixtures.get().client("Listed", 10, List.of("127.0.0.1/32"));
    String token = api.bearer(c);
    assertEquals(200, api.get(token, "/api/v1/wallets").status());

    JsonObject changed = allowlist(c.clientId(), "--remove", "127.0.0.1/32", "--add", "10.0.0.0/8", "--add", "::1/128");
    assertEquals(List.of("10.0.0.0/8", "::1/128"), changed.getJsonArray("allowed_ips").getList());
    assertError(eventually(403, () -> api.get(token, "/api/v1/wallets")), 403, "forbidden", "permission_error");
    assertError(eventually(403, () -> api.token(c.apiKey(), c.apiSecret())), 403, "forbidden", "permission_error");

    allowlist(c.clientId(), "--add", "127.0.0.0/8");
    assertEquals(200, eventually(200, () -> api.get(token, "/api/v1/wallets")).status());
    assertEquals(List.of(), allowlist(c.clientId(), "--remove", "10.0.0.0/8", "--remove", "::1/128",
        "--remove", "127.0.0.0/8").getJsonArray("allowed_ips").getList(), "an empty list allows anywhere");
    assertEquals(200, api.get(token, "/api/v1/wallets").status());
  }

  @Test
  @DisplayName("X-Forwarded-For counts only from a configured trusted proxy")
  void forwardedFor() {
    Fixtures.TestClient c = Fixtures.get().client("Behind proxy", 10, List.of("203.0.113.7/32"));
    Api direct = new Api(TestGateway.shared().port());
    assertError(token(direct, c, "203.0.113.7"), 403, "forbidden", "permission_error");

    try (GatewayServer proxied = TestGateway.start(Map.of("TRUSTED_PROXIES", "127.0.0.1/32, ::1/128"))) {
      Api api = new Api(proxied.port());
      assertError(token(api, c, null), 403, "forbidden", "permission_error");
      assertError(token(api, c, "203.0.113.7, 198.51.100.1"), 403, "forbidden", "permission_error");
      Api.Reply ok = token(api, c, "198.51.100.1, 203.0.113.7");
      assertEquals(200, ok.status(), ok::toString);
      String bearer = ok.json().getString("token");
      assertEquals(200, api.send("GET", "/api/v1/wallets", headers(bearer, "203.0.113.7")).status());
      assertError(api.send("GET", "/api/v1/wallets", headers(bearer, null)), 403, "forbidden", "permission_error");
    }
  }

  @Test
  @DisplayName("token issuance and Bearer calls apply one rule to every address, ::ffff: forms included")
  void oneRuleOnBothPaths() {
    Fixtures.TestClient c = Fixtures.get().client("One rule", 10,
        List.of("10.0.0.0/8", "2001:db8::/32", "::ffff:192.0.2.0/120"));
    Map<String, Boolean> allowed = new java.util.LinkedHashMap<>();
    allowed.put("10.1.2.3", true);
    allowed.put("::ffff:10.1.2.3", true);
    allowed.put("::FFFF:a01:203", true);
    allowed.put("192.0.2.5", true);
    allowed.put("::ffff:192.0.2.5", true);
    allowed.put("2001:db8::1", true);
    allowed.put("2001:DB8:0:0:0:0:0:2", true);
    allowed.put("11.0.0.1", false);
    allowed.put("::ffff:11.0.0.1", false);
    allowed.put("192.0.3.5", false);
    allowed.put("2001:db9::1", false);
    allowed.put("::a01:203", false);
    try (GatewayServer proxied = TestGateway.start(Map.of("TRUSTED_PROXIES", "127.0.0.1/32, ::1/128"))) {
      Api api = new Api(proxied.port());
      Api.Reply issued = token(api, c, "10.9.9.9");
      assertEquals(200, issued.status(), issued::toString);
      String bearer = issued.json().getString("token");
      List<String> wrong = new java.util.ArrayList<>();
      allowed.forEach((address, expected) -> {
        int want = expected ? 200 : 403;
        int tokenStatus = token(api, c, address).status();
        int bearerStatus = api.send("GET", "/api/v1/wallets", headers(bearer, address)).status();
        if (tokenStatus != want || bearerStatus != want) {
          wrong.add(address + ": token " + tokenStatus + ", bearer " + bearerStatus + ", expected " + want);
        }
      });
      assertEquals(List.of(), wrong);
    }
  }
}
