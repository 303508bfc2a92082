package io.assetgateway.client;

/**
 * A client looked up by API key, for token issuance: its secret hash, and its status and allowlist, checked with the same
 * {@link ClientAccess#allows} rule as every Bearer call.
 */
public record ClientCredentials(Client client, byte[] secretHash, ClientAccess access) {}
