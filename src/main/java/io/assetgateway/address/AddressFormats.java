package io.assetgateway.address;

import io.assetgateway.asset.ChainFamily;
import java.security.SecureRandom;

/**
 * Formats a public-key hash or key as each chain family writes addresses. Until wallets derive real keys,
 * seeded accounts get well-formed addresses of random key material (unique per account).
 */
public final class AddressFormats {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AddressFormats() {}

  /** An address of this family from fresh random bytes (20 for hashes, 32 for ed25519 keys). */
  public static String randomAddress(ChainFamily family) {
    byte[] key = new byte[family == ChainFamily.SOLANA ? 32 : 20];
    RANDOM.nextBytes(key);
    return switch (family) {
      case EVM -> Eip55.checksum("0x" + java.util.HexFormat.of().formatHex(key));
      case TRON -> {
        byte[] payload = new byte[21];
        payload[0] = 0x41;
        System.arraycopy(key, 0, payload, 1, 20);
        yield Base58.encodeChecked(payload);
      }
      case BITCOIN -> Bech32.segwitAddress("bc", 0, key);
      case SOLANA -> Base58.encode(key);
    };
  }

  /** The account's address_type for a family. */
  public static String addressType(ChainFamily family) {
    return switch (family) {
      case EVM -> "EOA";
      case TRON -> "BASE58CHECK";
      case BITCOIN -> "P2WPKH";
      case SOLANA -> "ED25519";
    };
  }
}
