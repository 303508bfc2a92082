package io.assetgateway.transaction;

/**
 * Where a transaction is. OUTBOUND: PENDING, SIGNED, BROADCAST, CONFIRMING, CONFIRMED; INBOUND: CONFIRMING,
 * CONFIRMED. Either may end FAILED instead.
 */
public enum TransactionStatus {
  PENDING, SIGNED, BROADCAST, CONFIRMING, CONFIRMED, FAILED;

  /** CONFIRMED and FAILED never change again. */
  public boolean isFinal() {
    return this == CONFIRMED || this == FAILED;
  }
}
