package io.assetgateway.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API keys and secrets. A secret is 256 random bits, so a single SHA-256 is a sound one-way hash for
 * it (no password-stretching needed, and token issuance stays fast); only the hash is stored, and it
 * is compared in constant time.
 */
public final class ApiSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  /** Compared against when the key is unknown, so both failures take the same time. */
  private static final byte[] DECOY_HASH = hash("decoy-secret-for-unknown-keys");
  private static final String KEY_PREFIX = "ak_";
  private static final int KEY_RANDOM_BYTES = 24;
  /** "ak_" and 24 bytes in unpadded base64url. */
  private static final int KEY_LENGTH = KEY_PREFIX.length() + (KEY_RANDOM_BYTES * 4 + 2) / 3;

  private ApiSecrets() {}

  public static String newApiKey() {
    return KEY_PREFIX + random(KEY_RANDOM_BYTES);
  }

  /** Whether the text has the shape of a key {@link #newApiKey} makes; anything else was never issued. */
  public static boolean isApiKeyShaped(String text) {
    if (text == null || text.length() != KEY_LENGTH || !text.startsWith(KEY_PREFIX)) {
      return false;
    }
    for (int i = KEY_PREFIX.length(); i < KEY_LENGTH; i++) {
      char c = text.charAt(i);
      boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!base64url) {
        return false;
      }
    }
    return true;
  }

  public static String newApiSecret() {
    return "sk_" + random(32);
  }

  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** Constant-time check of a presented secret against a stored hash (null hash: unknown key). */
  public static boolean matches(String presented, byte[] storedHash) {
    byte[] presentedHash = hash(presented);
    boolean known = storedHash != null;
    boolean equal = MessageDigest.isEqual(presentedHash, known ? storedHash : DECOY_HASH);
    return known && equal;
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return B64.encodeToString(b);
  }
}
