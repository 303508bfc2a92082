package io.assetgateway.registry;

/** Families of chains; EVM chains share one address derivation and take the asset's chain in the request. */
public enum ChainFamily {
  EVM, TRON, BITCOIN, SOLANA
}
