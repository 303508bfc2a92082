package io.assetgateway.asset;

/**
 * An asset as money moves through it: who holds it, at which on-chain address, with what precision, and
 * whether its account and wallet may move it now.
 */
public record Holding(String assetId, String clientId, String walletId, String accountId, String chain,
    String symbol, String address, int decimals, String contractAddress, String assetType, String accountStatus,
    String walletStatus) {

  public boolean accountActive() {
    return "ACTIVE".equals(accountStatus);
  }

  public boolean walletActive() {
    return "ACTIVE".equals(walletStatus);
  }

  /** A native coin (no token contract). */
  public boolean nativeCoin() {
    return "NATIVE".equals(assetType);
  }
}
