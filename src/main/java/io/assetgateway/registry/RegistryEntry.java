package io.assetgateway.registry;

/** One offered (chain, symbol) with what the server resolves for it. contractAddress is null for non-EVM natives. */
public record RegistryEntry(
    String chain, String symbol, String name, String contractAddress, int decimals, String assetType, String network) {}
