package io.assetgateway.client;

import io.assetgateway.common.Cidr;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** All SQL on the clients table. */
final class ClientStorage {
  private static final String INSERT = """
      INSERT INTO clients (client_id, client_name, api_key, api_secret_hash, status, subscription_tier,
                           max_wallets, allowed_ips)
      VALUES ($1, $2, $3, $4, 'ACTIVE', '', $5, $6::cidr[])
      RETURNING client_id, client_name, status, subscription_tier, max_wallets, allowed_ips::text[] AS allowed_ips""";
  private static final String BY_API_KEY = """
      SELECT client_id, client_name, status, subscription_tier, max_wallets, allowed_ips::text[] AS allowed_ips,
             api_secret_hash
      FROM clients WHERE api_key = $1""";
  private static final String ACCESS = "SELECT status, allowed_ips::text[] AS allowed_ips FROM clients WHERE client_id = $1";
  private static final String CHANGE_ALLOWLIST = """
      UPDATE clients SET updated_at = now(), allowed_ips = ARRAY(
        SELECT DISTINCT ip FROM unnest(allowed_ips || $2::cidr[]) AS ip WHERE NOT ip = ANY ($3::cidr[]) ORDER BY ip)
      WHERE client_id = $1
      RETURNING client_id, client_name, status, subscription_tier, max_wallets, allowed_ips::text[] AS allowed_ips""";
  private static final String SET_STATUS = """
      UPDATE clients SET status = $2, updated_at = now() WHERE client_id = $1
      RETURNING client_id, client_name, status, subscription_tier, max_wallets, allowed_ips::text[] AS allowed_ips""";

  private static final String ROTATE_SECRET = """
      UPDATE clients SET api_secret_hash = $2, updated_at = now() WHERE client_id = $1 RETURNING api_key""";

  private final SqlClient db;

  ClientStorage(SqlClient db) {
    this.db = db;
  }

  /** Creates an ACTIVE client; the CIDRs are validated by PostgreSQL's cidr type. */
  Future<Client> insert(String clientId, String name, String apiKey, byte[] secretHash, int maxWallets,
      List<String> allowedIps) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(clientId, name, apiKey, secretHash, maxWallets, allowedIps.toArray(new String[0])))
        .map(rows -> mapToClient(rows.iterator().next()));
  }

  /** The client holding this API key, with its secret hash, status and allowlist. */
  Future<Optional<ClientCredentials>> findByApiKey(String apiKey) {
    return db.preparedQuery(BY_API_KEY).execute(Tuple.of(apiKey)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new ClientCredentials(mapToClient(row), row.getBuffer("api_secret_hash").getBytes(),
          mapToAccess(row)));
    });
  }

  /** The client's status and IP allowlist, or empty when there is no such client. */
  Future<Optional<ClientAccess>> findAccess(String clientId) {
    return db.preparedQuery(ACCESS).execute(Tuple.of(clientId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      return Optional.of(mapToAccess(rows.iterator().next()));
    });
  }

  /** Adds and removes allowlist entries (validated by PostgreSQL's cidr type); empty when there is no such client. */
  Future<Optional<Client>> changeAllowlist(String clientId, List<String> add, List<String> remove) {
    return db.preparedQuery(CHANGE_ALLOWLIST)
        .execute(Tuple.of(clientId, add.toArray(new String[0]), remove.toArray(new String[0])))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapToClient(rows.iterator().next())));
  }

  /** Sets the status; empty when there is no such client. */
  Future<Optional<Client>> setStatus(String clientId, ClientStatus status) {
    return db.preparedQuery(SET_STATUS).execute(Tuple.of(clientId, status.name()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapToClient(rows.iterator().next())));
  }

  /** Replaces the client's secret hash; returns its API key, or empty when there is no such client. */
  Future<Optional<String>> rotateSecret(String clientId, byte[] newSecretHash) {
    return db.preparedQuery(ROTATE_SECRET).execute(Tuple.of(clientId, newSecretHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("api_key")));
  }

  private static ClientAccess mapToAccess(Row row) {
    String[] ips = row.getArrayOfStrings("allowed_ips");
    return new ClientAccess(ClientStatus.valueOf(row.getString("status")),
        ips == null ? List.of() : Arrays.stream(ips).map(Cidr::parse).toList());
  }

  private static Client mapToClient(Row row) {
    String[] ips = row.getArrayOfStrings("allowed_ips");
    return new Client(row.getString("client_id"), row.getString("client_name"), ClientStatus.valueOf(row.getString("status")),
        row.getString("subscription_tier"), row.getInteger("max_wallets"),
        ips == null ? List.of() : Arrays.asList(ips));
  }
}
