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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.assetgateway.http.Page;
import io.assetgateway.http.PageRequest;

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

  private static final String COLUMNS = "asset_id, account_id, wallet_id, client_id, chain, network, symbol, name,"
      + " contract_address, decimals, asset_type, balance::text AS balance, locked_balance::text AS locked_balance,"
      + " is_active, created_at";
  private static final String FIND = "SELECT " + COLUMNS + " FROM assets WHERE asset_id = $1 AND client_id = $2";
  private static final String LIST = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM assets"
      + " WHERE client_id = $1 AND ($2::text IS NULL OR account_id = $2)"
      + " ORDER BY created_at DESC, asset_id DESC LIMIT $3 OFFSET $4";
  private static final String COUNT =
      "SELECT count(*) FROM assets WHERE client_id = $1 AND ($2::text IS NULL OR account_id = $2)";

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

  /** The caller's asset, or empty (also for another client's asset). */
  public Future<Optional<Asset>> find(String clientId, String assetId) {
    return db.preparedQuery(FIND).execute(Tuple.of(assetId, clientId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapToAsset(rows.iterator().next())));
  }

  /** The caller's assets, optionally of one account, newest first. */
  public Future<Page<Asset>> list(String clientId, String accountId, PageRequest page) {
    return db.preparedQuery(LIST).execute(Tuple.of(clientId, accountId, page.size(), page.offset())).compose(rows -> {
      List<Asset> assets = new ArrayList<>();
      long total = -1;
      for (Row row : rows) {
        assets.add(mapToAsset(row));
        total = row.getLong("total");
      }
      if (total >= 0) {
        return Future.succeededFuture(new Page<>(assets, total));
      }
      return db.preparedQuery(COUNT).execute(Tuple.of(clientId, accountId))
          .map(count -> new Page<>(assets, count.iterator().next().getLong(0)));
    });
  }

  private static Asset mapToAsset(Row row) {
    return new Asset(row.getString("asset_id"), row.getString("account_id"), row.getString("wallet_id"),
        row.getString("client_id"), row.getString("chain"), row.getString("network"), row.getString("symbol"),
        row.getString("name"), row.getString("contract_address"), row.getInteger("decimals"),
        row.getString("asset_type"), row.getString("balance"), row.getString("locked_balance"),
        row.getBoolean("is_active"), row.getOffsetDateTime("created_at"));
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
