package io.assetgateway.client;

import io.assetgateway.common.Ids;
import io.assetgateway.web.ApiError;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;

/** Clients and their credentials: what token issuance, the Bearer check and the operator CLI ask of them. */
public final class ClientService {
  private final ClientStorage clients;

  public ClientService(SqlClient db) {
    this.clients = new ClientStorage(db);
  }

  /** Creates an ACTIVE client with a fresh API key and secret (only the secret's hash is stored). */
  public Future<NewClient> create(String name, int maxWallets, List<String> allowedIps) {
    if (name == null || name.isBlank() || name.length() > 200) {
      return Future.failedFuture(ApiError.INVALID_PARAMETER.with("client name must be 1..200 characters"));
    }
    if (maxWallets < 0) {
      return Future.failedFuture(ApiError.INVALID_PARAMETER.with("max_wallets must be 0 or more"));
    }
    String apiKey = ApiSecrets.newApiKey();
    String apiSecret = ApiSecrets.newApiSecret();
    return invalidRangesAreParameters(clients.insert(Ids.client(), name, apiKey, ApiSecrets.hash(apiSecret), maxWallets,
        allowedIps)).map(client -> new NewClient(client, apiKey, apiSecret));
  }

  /** The client holding this API key, with its secret hash, status and allowlist. */
  public Future<Optional<ClientCredentials>> credentials(String apiKey) {
    return clients.findByApiKey(apiKey);
  }

  /** The client's status and IP allowlist, or empty when there is no such client. */
  public Future<Optional<ClientAccess>> access(String clientId) {
    return clients.findAccess(clientId);
  }

  /** Sets the status; empty when there is no such client. */
  public Future<Optional<Client>> setStatus(String clientId, ClientStatus status) {
    return clients.setStatus(clientId, status);
  }

  /** Issues a new secret; the API key and the new secret, or empty when there is no such client. */
  public Future<Optional<NewClient>> rotateSecret(String clientId) {
    String apiSecret = ApiSecrets.newApiSecret();
    return clients.rotateSecret(clientId, ApiSecrets.hash(apiSecret))
        .map(found -> found.map(apiKey -> new NewClient(null, apiKey, apiSecret)));
  }

  /** Adds and removes allowlist entries; empty when there is no such client. */
  public Future<Optional<Client>> changeAllowlist(String clientId, List<String> add, List<String> remove) {
    return invalidRangesAreParameters(clients.changeAllowlist(clientId, add, remove));
  }

  /** PostgreSQL's cidr type is the one judge of a range; its refusal is the caller's bad parameter. */
  private static <T> Future<T> invalidRangesAreParameters(Future<T> write) {
    return write.recover(e -> e instanceof PgException pg && "22P02".equals(pg.getSqlState())
        ? Future.failedFuture(ApiError.INVALID_PARAMETER.with("IP ranges must be IPv4 or IPv6 addresses or CIDR ranges"))
        : Future.failedFuture(e));
  }
}
