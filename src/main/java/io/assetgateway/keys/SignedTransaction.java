package io.assetgateway.keys;

/** Signed bytes ready to broadcast, and the transaction hash the chain will know them by (in its own format). */
public record SignedTransaction(byte[] raw, String hash) {}
