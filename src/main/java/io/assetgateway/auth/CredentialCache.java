package io.assetgateway.auth;

import io.assetgateway.client.ApiSecrets;
import io.assetgateway.client.ClientCredentials;
import io.assetgateway.client.ClientService;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token issuance's look-up of a client by API key, reused for {@code ttlMillis}: a load-test
 * harness asks for tokens with the same key over and over. The presented secret is still hashed and compared
 * in constant time on every call, against the cached hash; a mismatch re-reads the database (so a freshly
 * rotated secret works at once), and unknown keys are never cached. A status, allowlist or secret change
 * therefore takes effect within the TTL, like the client-status cache. One per verticle (event-loop confined).
 */
final class CredentialCache {
  private static final int MAX_ENTRIES = 10_000;

  private final ClientService clients;
  private final long ttlNanos;
  private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  CredentialCache(ClientService clients, long ttlMillis) {
    this.clients = clients;
    this.ttlNanos = ttlMillis * 1_000_000L;
  }

  /** The credentials of apiKey when their secret hash matches apiSecret, or empty. */
  Future<Optional<ClientCredentials>> matching(String apiKey, String apiSecret) {
    Cached hit = cache.get(apiKey);
    long now = System.nanoTime();
    if (hit != null && now - hit.loadedAt() < ttlNanos && ApiSecrets.matches(apiSecret, hit.credentials().secretHash())) {
      return Future.succeededFuture(Optional.of(hit.credentials()));
    }
    return clients.credentials(apiKey).map(found -> {
      if (found.isEmpty()) {
        cache.remove(apiKey);
        ApiSecrets.matches(apiSecret, null); // same work as a known key, so timing does not tell them apart
        return Optional.empty();
      }
      cache.put(apiKey, new Cached(found.get(), now));
      return ApiSecrets.matches(apiSecret, found.get().secretHash()) ? found : Optional.empty();
    });
  }

  private record Cached(ClientCredentials credentials, long loadedAt) {}
}
