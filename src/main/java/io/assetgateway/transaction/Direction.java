package io.assetgateway.transaction;

/** INBOUND: a deposit seen on chain. OUTBOUND: a transfer this server signs and sends. */
public enum Direction {
  INBOUND, OUTBOUND
}
