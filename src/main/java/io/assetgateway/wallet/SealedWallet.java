package io.assetgateway.wallet;

/** An ACTIVE wallet's sealed seed, share-locked for the transaction that derives an account from it. */
public record SealedWallet(String walletId, byte[] sealedSeed) {}
