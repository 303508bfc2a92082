package io.assetgateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.web.ApiError;
import io.assetgateway.web.ApiException;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only literal addresses and localhost: nothing here resolves a name over the network or connects anywhere. */
@DisplayName("Webhook destinations")
class DestinationPolicyTest {
  static final Vertx VERTX = Vertx.vertx();
  static final DestinationPolicy STRICT = new DestinationPolicy(VERTX, false);
  static final DestinationPolicy SANDBOX = new DestinationPolicy(VERTX, true);

  @AfterAll
  static void close() {
    VERTX.close();
  }

  static String refusal(DestinationPolicy policy, String url) {
    try {
      policy.check(url).await(10, TimeUnit.SECONDS);
      return null;
    } catch (ApiException e) {
      assertEquals(ApiError.INVALID_PARAMETER, e.error());
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"http://127.0.0.1/hook", "http://127.8.9.10:8080/hook", "http://localhost:9000/",
      "http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
      "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/", "http://0.0.0.0/", "http://224.0.0.1/",
      "http://255.255.255.255/", "http://[::1]/", "http://[::]/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
      "http://[fe80::1]/", "http://[ff02::1]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:127.0.0.1]/",
      "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:0101::1]/", "http://198.18.0.1/", "http://192.0.2.1/"})
  void nonPublicRefused(String url) {
    String why = refusal(STRICT, url);
    assertTrue(why != null && why.contains("only public destinations"), url + ": " + why);
    assertEquals(null, refusal(SANDBOX, url), "WEBHOOK_ALLOW_PRIVATE=true lets " + url + " through");
  }

  @ParameterizedTest(name = "{0} is accepted")
  @ValueSource(strings = {"https://8.8.8.8/hooks", "http://1.1.1.1:8080/a?b=c", "https://[2606:4700:4700::1111]/x",
      "http://172.32.0.1/", "http://100.128.0.1/", "http://[2002:0808:0808::1]/"})
  void publicAccepted(String url) {
    assertEquals(null, refusal(STRICT, url));
  }

  @ParameterizedTest(name = "{0} is not a webhook URL")
  @ValueSource(strings = {"", "ftp://8.8.8.8/", "file:///etc/passwd", "8.8.8.8/hook", "http:///nohost",
      "https://user:pass@8.8.8.8/", "http://8.8.8.8/#frag", "http://exa mple.com/", "javascript:alert(1)"})
  void malformedRefused(String url) {
    String why = refusal(SANDBOX, url);
    assertTrue(why != null && why.startsWith("webhook URL"), url + ": " + why);
  }

  @Test
  @DisplayName("a checked destination keeps the host for Host/TLS, and the path and query; default ports by scheme")
  void destination() throws Exception {
    DestinationPolicy.Destination d = SANDBOX.check("https://127.0.0.1/a/b?c=d%20e").await(10, TimeUnit.SECONDS);
    assertTrue(d.ssl());
    assertEquals(443, d.port());
    assertEquals("/a/b?c=d%20e", d.requestUri());
    assertEquals(InetAddress.getByName("127.0.0.1"), d.address());
    assertEquals(80, SANDBOX.check("http://127.0.0.1").await(10, TimeUnit.SECONDS).port());
    assertEquals("/", SANDBOX.check("http://127.0.0.1").await(10, TimeUnit.SECONDS).requestUri());
  }
}
