package io.assetgateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.support.SdkWebhookVerifier;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Webhook signature")
class WebhookSignerTest {
  static final String SECRET = "whsec_test_secret_key_12345";
  static final String TIMESTAMP = "1704067200";
  static final byte[] BODY = "{\"event_id\":\"evt_123\",\"chain\":\"ethereum\",\"txhash\":\"0xabc\"}"
      .getBytes(StandardCharsets.UTF_8);

  @Test
  @DisplayName("the published vector: v1=f69bcb18...75c4")
  void publishedVector() {
    assertEquals("v1=f69bcb18aac4884e7f3591725943449e388f0dea28c703f7ed0ad95e240675c4",
        WebhookSigner.sign(SECRET, TIMESTAMP, BODY));
  }

  @Test
  @DisplayName("the SDKs' check accepts it within 300 s either way, and refuses other bytes, keys, times and forms")
  void sdkCheck() {
    long ts = Long.parseLong(TIMESTAMP);
    String signature = WebhookSigner.sign(SECRET, TIMESTAMP, BODY);
    SdkWebhookVerifier.verify(SECRET, TIMESTAMP, BODY, signature, 300, ts + 300);
    SdkWebhookVerifier.verify(SECRET, TIMESTAMP, BODY, signature, 300, ts - 300);
    assertThrows(AssertionError.class, () -> SdkWebhookVerifier.verify(SECRET, TIMESTAMP, BODY, signature, 300, ts + 301));
    assertThrows(AssertionError.class, () -> SdkWebhookVerifier.verify(SECRET, TIMESTAMP, BODY, signature, 300, ts - 301));
    byte[] altered = BODY.clone();
    altered[2]++;
    assertThrows(AssertionError.class, () -> SdkWebhookVerifier.verify(SECRET, TIMESTAMP, altered, signature, 0, 0));
    assertThrows(AssertionError.class, () -> SdkWebhookVerifier.verify(SECRET + "x", TIMESTAMP, BODY, signature, 0, 0));
    assertThrows(AssertionError.class,
        () -> SdkWebhookVerifier.verify(SECRET, TIMESTAMP, BODY, signature.toUpperCase().replace("V1", "v1"), 0, 0));
    assertThrows(AssertionError.class,
        () -> SdkWebhookVerifier.verify(SECRET, TIMESTAMP, BODY, signature.substring(3), 0, 0));
  }

  @Test
  @DisplayName("new secrets: whsec_ and 256 random bits, base64url, never the same twice")
  void secrets() {
    String a = WebhookSigner.newSecret();
    assertTrue(a.matches("whsec_[A-Za-z0-9_-]{43}"), a);
    assertNotEquals(a, WebhookSigner.newSecret());
  }
}
