package io.assetgateway.client;

/** A client looked up by API key, for token issuance: its secret hash and whether the caller's IP is allowed. */
public record ClientCredentials(Client client, byte[] secretHash, boolean ipAllowed) {}
