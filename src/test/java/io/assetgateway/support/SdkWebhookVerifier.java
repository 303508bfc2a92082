package io.assetgateway.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The official SDKs' webhook check, transcribed (written apart from the server's signer, so it checks it):
 * Python 1.6 {@code webhook.py:37-94}, Rust 1.6 {@code webhook.rs:136-191}, Go 1.8.1 {@code webhook.go:68-90}.
 * The timestamp header parses as a base-10 integer; {@code |now - ts| > tolerance} is refused (future ones too);
 * the expected value is {@code "v1=" + lowercase hex HMAC-SHA256(UTF-8 secret, timestamp text + "." + raw body)},
 * compared in constant time with the WHOLE signature header.
 */
public final class SdkWebhookVerifier {
  public static final long DEFAULT_TOLERANCE_SECONDS = 300;

  private SdkWebhookVerifier() {}

  /** Throws AssertionError naming the SDK error the delivery would raise; returns normally when it verifies. */
  public static void verify(String secret, String timestamp, byte[] payload, String signature) {
    verify(secret, timestamp, payload, signature, DEFAULT_TOLERANCE_SECONDS, Instant.now().getEpochSecond());
  }

  public static void verify(String secret, String timestamp, byte[] payload, String signature, long tolerance,
      long nowSeconds) {
    long ts;
    try {
      ts = Long.parseLong(timestamp); // Rust i64::from_str, Go ParseInt(.., 10, 64)
    } catch (NumberFormatException | NullPointerException e) {
      throw new AssertionError("webhook_invalid_timestamp: " + timestamp);
    }
    if (tolerance > 0 && Math.abs(nowSeconds - ts) > tolerance) {
      throw new AssertionError("webhook_timestamp_expired: age " + Math.abs(nowSeconds - ts) + " s");
    }
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      expected = ("v1=" + HexFormat.of().formatHex(mac.doFinal(payload))).getBytes(StandardCharsets.UTF_8);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    if (signature == null || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
      throw new AssertionError("webhook_signature_mismatch");
    }
  }
}
