package io.assetgateway.account;

import io.assetgateway.registry.ChainFamily;

/** How each chain family labels its account addresses. */
public final class AddressFormats {
  private AddressFormats() {}

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
