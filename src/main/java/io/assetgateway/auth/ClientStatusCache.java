package io.assetgateway.auth;

import io.assetgateway.client.ClientAccess;
import io.assetgateway.client.ClientService;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each client's status and IP allowlist, re-read from the database at most every {@code ttlMillis}: a deactivated client's
 * tokens stop working within that time without a database read per request. One per verticle (event-loop
 * confined, so no locking); concurrent misses for one client share a single query.
 */
public final class ClientStatusCache {
  private final ClientService clients;
  private final long ttlNanos;
  private final Map<String, Cached> cache = new HashMap<>();
  private final Map<String, Future<Optional<ClientAccess>>> loading = new HashMap<>();

  public ClientStatusCache(ClientService clients, long ttlMillis) {
    this.clients = clients;
    this.ttlNanos = ttlMillis * 1_000_000L;
  }

  /** The client's status and allowlist, or empty when the client does not exist. */
  public Future<Optional<ClientAccess>> status(String clientId) {
    Cached hit = cache.get(clientId);
    long now = System.nanoTime();
    if (hit != null && now - hit.loadedAt < ttlNanos) {
      return hit.future;
    }
    Future<Optional<ClientAccess>> inFlight = loading.get(clientId);
    if (inFlight != null) {
      return inFlight;
    }
    Future<Optional<ClientAccess>> load = clients.access(clientId);
    loading.put(clientId, load);
    return load.andThen(ar -> {
      loading.remove(clientId);
      if (ar.succeeded()) {
        if (cache.size() > 100_000) {
          cache.clear(); // a crude bound; the working set of clients is far smaller
        }
        cache.put(clientId, new Cached(Future.succeededFuture(ar.result()), now));
      }
    });
  }

  private record Cached(Future<Optional<ClientAccess>> future, long loadedAt) {}
}
