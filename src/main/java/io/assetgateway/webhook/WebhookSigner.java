package io.assetgateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The published webhook signature, as every official SDK verifies it: {@code v1=} and the lowercase hex
 * HMAC-SHA256, keyed with the secret's UTF-8 bytes, of the timestamp header's text, a dot, and the raw body bytes.
 */
public final class WebhookSigner {
  public static final String VERSION = "v1";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSigner() {}

  /** The {@code X-Paratro-Signature} value for this timestamp text and these exact body bytes. */
  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
    }
  }

  /** A new signing secret: {@code whsec_} and 256 random bits, base64url. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
