package io.assetgateway.asset;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.IdentityHashMap;
import java.util.Map;

/** All SQL on the assets table. */
public final class AssetStorage {
  /**
   * Add Asset in one round trip, whatever the outcome. It reads the caller's account and inserts only when
   * the account is ACTIVE and its chain is one of the registry's candidates for this (symbol, chain); the
   * unique key decides between concurrent duplicates. The returned row says which case happened: no row,
   * the account is not the caller's; a row without asset_id, refused or already present.
   */
  private static final String ADD = """
      WITH acc AS (
        SELECT account_id, wallet_id, client_id, chain, status
        FROM accounts WHERE account_id = $1 AND client_id = $2
      ), ins AS (
        INSERT INTO assets (asset_id, account_id, wallet_id, client_id, chain, symbol, network, name,
                            contract_address, decimals, asset_type)
        SELECT $3, acc.account_id, acc.wallet_id, acc.client_id, c.chain, $4, c.network, c.name,
               c.contract_address, c.decimals, c.asset_type
        FROM acc
        JOIN jsonb_to_recordset($5::text::jsonb) AS c(account_chain text, chain text, network text, name text,
             contract_address text, decimals smallint, asset_type text) ON c.account_chain = acc.chain
        WHERE acc.status = 'ACTIVE'
        ON CONFLICT ON CONSTRAINT assets_account_chain_symbol_key DO NOTHING
        RETURNING asset_id, chain, created_at
      )
      SELECT acc.wallet_id, acc.chain AS account_chain, acc.status, ins.asset_id, ins.created_at
      FROM acc LEFT JOIN ins ON true""";

  private final SqlClient db;
  /** Candidate maps come from the registry's precomputed table, so identity is a sound key. */
  private final Map<Map<String, RegistryEntry>, String> candidateJson = new IdentityHashMap<>();

  public AssetStorage(SqlClient db) {
    this.db = db;
  }

  /** Tries to add the asset; the outcome tells the handler which documented answer to give. */
  public Future<AddOutcome> add(String assetId, String clientId, String accountId, String symbol,
      Map<String, RegistryEntry> candidates) {
    String json = candidateJson.computeIfAbsent(candidates, AssetStorage::encodeCandidates);
    return db.preparedQuery(ADD).execute(Tuple.of(accountId, clientId, assetId, symbol, json))
        .map(AssetStorage::mapToOutcome);
  }

  private static AddOutcome mapToOutcome(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return AddOutcome.NO_ACCOUNT;
    }
    Row row = rows.iterator().next();
    return new AddOutcome(true, row.getString("wallet_id"), row.getString("account_chain"), row.getString("status"),
        row.getString("asset_id"), row.getOffsetDateTime("created_at"));
  }

  private static String encodeCandidates(Map<String, RegistryEntry> candidates) {
    JsonArray array = new JsonArray();
    candidates.forEach((accountChain, e) -> array.add(new JsonObject()
        .put("account_chain", accountChain).put("chain", e.chain()).put("network", e.network())
        .put("name", e.name()).put("contract_address", e.contractAddress()).put("decimals", e.decimals())
        .put("asset_type", e.assetType())));
    return array.encode();
  }

  /** What the Add Asset statement found and did. assetId is null when nothing was inserted. */
  public record AddOutcome(boolean accountFound, String walletId, String accountChain, String accountStatus,
      String assetId, OffsetDateTime createdAt) {
    static final AddOutcome NO_ACCOUNT = new AddOutcome(false, null, null, null, null, null);
  }
}
