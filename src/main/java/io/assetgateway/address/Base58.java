package io.assetgateway.address;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Base58 (Bitcoin alphabet) and Base58Check, as used by tron and solana addresses. Pinned by the
 * Bitcoin Core test vectors in the tests.
 */
public final class Base58 {
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEXES[ALPHABET.charAt(i)] = i;
    }
  }

  private Base58() {}

  /** Encodes bytes; each leading zero byte becomes a leading '1'. */
  public static String encode(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    StringBuilder out = new StringBuilder();
    BigInteger value = new BigInteger(1, input);
    while (value.signum() > 0) {
      BigInteger[] qr = value.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      value = qr[0];
    }
    out.append("1".repeat(zeros));
    return out.reverse().toString();
  }

  /** Decodes a Base58 string; throws IllegalArgumentException on a character outside the alphabet. */
  public static byte[] decode(String input) {
    int zeros = 0;
    while (zeros < input.length() && input.charAt(zeros) == '1') {
      zeros++;
    }
    BigInteger value = BigInteger.ZERO;
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("invalid base58 character '" + c + "'");
      }
      value = value.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
    // BigInteger may add a sign byte; drop it.
    if (magnitude.length > 0 && magnitude[0] == 0) {
      magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
    }
    byte[] out = new byte[zeros + magnitude.length];
    System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
    return out;
  }

  /** Encodes payload followed by the first four bytes of its double SHA-256. */
  public static String encodeChecked(byte[] payload) {
    byte[] checksum = doubleSha256(payload);
    byte[] full = Arrays.copyOf(payload, payload.length + 4);
    System.arraycopy(checksum, 0, full, payload.length, 4);
    return encode(full);
  }

  /** Decodes a Base58Check string and returns its payload; throws IllegalArgumentException on a bad checksum. */
  public static byte[] decodeChecked(String input) {
    byte[] full = decode(input);
    if (full.length < 4) {
      throw new IllegalArgumentException("too short for base58check");
    }
    byte[] payload = Arrays.copyOfRange(full, 0, full.length - 4);
    byte[] checksum = doubleSha256(payload);
    for (int i = 0; i < 4; i++) {
      if (checksum[i] != full[payload.length + i]) {
        throw new IllegalArgumentException("base58check checksum mismatch");
      }
    }
    return payload;
  }

  static byte[] doubleSha256(byte[] data) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return sha.digest(sha.digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
