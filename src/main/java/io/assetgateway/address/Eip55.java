package io.assetgateway.address;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** EIP-55 mixed-case checksum of EVM addresses (Keccak-256 from BouncyCastle). */
public final class Eip55 {
  private Eip55() {}

  /** Returns the checksummed form of a 0x-prefixed 20-byte hex address (any case). */
  public static String checksum(String address) {
    if (!isHexAddress(address)) {
      throw new IllegalArgumentException("not a 0x-prefixed 40-hex-digit address");
    }
    String lower = address.substring(2).toLowerCase(java.util.Locale.ROOT);
    byte[] hash = keccak256(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < 40; i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  /** True when the address is exactly its own EIP-55 checksummed form. */
  public static boolean isChecksummed(String address) {
    return isHexAddress(address) && checksum(address).equals(address);
  }

  public static byte[] keccak256(byte[] input) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  private static boolean isHexAddress(String address) {
    if (address == null || address.length() != 42 || !address.startsWith("0x")) {
      return false;
    }
    for (int i = 2; i < 42; i++) {
      if (Character.digit(address.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
