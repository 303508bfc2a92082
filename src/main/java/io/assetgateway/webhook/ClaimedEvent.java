package io.assetgateway.webhook;

import java.util.UUID;

/**
 * An event this instance holds the lease on, with what its attempt needs: the client's current endpoint (null
 * when it has none any more) and API key.
 */
record ClaimedEvent(long seq, UUID eventId, String clientId, String sourceId, String body, int attempt,
    UUID leaseToken, String url, boolean enabled, byte[] sealedSecret, String apiKey) {}
