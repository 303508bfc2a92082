package io.assetgateway.account;

/** Where an account's key comes from: its wallet's sealed seed and the account's derivation index. */
public record SigningKey(String accountId, String walletId, byte[] sealedSeed, int derivationIndex) {}
