package io.assetgateway.address;

import java.util.Locale;

/**
 * Whether a text is an address of a chain family (mainnet), and its canonical spelling. Each method returns
 * the canonical form, or null when the text is not such an address.
 */
public final class AddressCheck {
  private AddressCheck() {}

  /** EVM: 0x and 40 hex digits; mixed case must be the EIP-55 checksum. Canonical: the checksummed form. */
  public static String evm(String address) {
    if (address == null || address.length() != 42 || !address.startsWith("0x")) {
      return null;
    }
    String hex = address.substring(2);
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return null;
      }
    }
    boolean oneCase = hex.equals(hex.toLowerCase(Locale.ROOT)) || hex.equals(hex.toUpperCase(Locale.ROOT));
    String checksummed = Eip55.checksum("0x" + hex.toLowerCase(Locale.ROOT));
    return oneCase || checksummed.equals(address) ? checksummed : null;
  }

  /** Tron: base58check of 0x41 and 20 bytes. */
  public static String tron(String address) {
    byte[] payload = base58Checked(address, 40);
    return payload != null && payload.length == 21 && payload[0] == 0x41 ? address : null;
  }

  /**
   * Bitcoin mainnet: bech32/bech32m segwit ({@code bc1...}, canonical lower case), or base58check P2PKH
   * ({@code 1...}) and P2SH ({@code 3...}).
   */
  public static String bitcoin(String address) {
    if (address == null) {
      return null;
    }
    if (address.toLowerCase(Locale.ROOT).startsWith("bc1")) {
      return Bech32.segwitProgram("bc", address) == null ? null : address.toLowerCase(Locale.ROOT);
    }
    byte[] payload = base58Checked(address, 40);
    return payload != null && payload.length == 21 && (payload[0] == 0x00 || payload[0] == 0x05) ? address : null;
  }

  /** Solana: base58 of a 32-byte ed25519 public key. */
  public static String solana(String address) {
    if (address == null || address.isEmpty() || address.length() > 44) {
      return null;
    }
    try {
      return Base58.decode(address).length == 32 ? address : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] base58Checked(String address, int maxLength) {
    if (address == null || address.isEmpty() || address.length() > maxLength) {
      return null;
    }
    try {
      return Base58.decodeChecked(address);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
