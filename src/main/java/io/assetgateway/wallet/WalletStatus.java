package io.assetgateway.wallet;

/** A wallet's lifecycle: PROGRESSING until its keys exist, then ACTIVE. */
public enum WalletStatus {
  PROGRESSING, ACTIVE, INACTIVE
}
