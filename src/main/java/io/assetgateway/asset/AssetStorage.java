package io.assetgateway.asset;

import io.assetgateway.registry.AssetRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.assetgateway.common.Amounts;
import io.assetgateway.db.Pools;
import io.assetgateway.web.Page;
import io.assetgateway.web.PageRequest;

/** All SQL on the assets table. */
final class AssetStorage {
  private static final String COLUMNS = "asset_id, account_id, wallet_id, client_id, chain, network, symbol, name,"
      + " contract_address, decimals, asset_type, balance::text AS balance, locked_balance::text AS locked_balance,"
      + " is_active, created_at";
  private static final String FIND = "SELECT " + COLUMNS + " FROM assets WHERE asset_id = $1 AND client_id = $2";
  /**
   * A client's assets: the total from the counters (V12), the page's ids from an index-only walk of
   * assets_by_client (skipped when the offset is past the total), then only the page's rows read whole.
   */
  private static final String LIST = Pools.PLANNED_PER_CALL + """
      WITH counted AS (
        SELECT coalesce(sum(n), 0)::bigint AS total FROM asset_counts WHERE client_id = $1
      ), page AS (
        SELECT asset_id FROM assets
        WHERE client_id = $1 AND $3 < (SELECT total FROM counted)
        ORDER BY created_at DESC, asset_id DESC LIMIT $2 OFFSET $3
      )
      SELECT p.*, counted.total FROM counted
      LEFT JOIN (SELECT r.* FROM page CROSS JOIN LATERAL (
        SELECT %s FROM assets WHERE asset_id = page.asset_id LIMIT 1) r) p ON true
      ORDER BY p.created_at DESC, p.asset_id DESC""".formatted(COLUMNS);
  /** One account's assets: at most one per offered (chain, symbol), so counted directly. */
  private static final String LIST_OF_ACCOUNT = """
      WITH mine AS MATERIALIZED (
        SELECT %s FROM assets WHERE account_id = $2 AND client_id = $1
      ), counted AS (
        SELECT count(*) AS total FROM mine
      )
      SELECT p.*, counted.total FROM counted
      LEFT JOIN (SELECT * FROM mine ORDER BY created_at DESC, asset_id DESC LIMIT $3 OFFSET $4) p ON true
      ORDER BY p.created_at DESC, p.asset_id DESC""".formatted(COLUMNS);

  private static final String HOLDING = """
      SELECT s.asset_id, s.client_id, s.wallet_id, s.account_id, s.chain, s.symbol, s.address, s.decimals,
             s.contract_address, s.asset_type, a.status AS account_status, w.status AS wallet_status
      FROM assets s
      JOIN accounts a ON a.account_id = s.account_id
      JOIN wallets w ON w.wallet_id = s.wallet_id
      WHERE s.chain = $1 AND s.address = $2 AND s.symbol = $3""";

  /** Writes the registry's candidate rows once per registry id (another server may be writing the same rows). */
  private static final String PUBLISH_CANDIDATES = """
      INSERT INTO asset_candidates (registry, rkey, account_chain, chain, symbol, network, name, contract_address,
                                    decimals, asset_type)
      SELECT $1, c.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                 $9::text[]::smallint[], $10::text[]) AS c
      WHERE NOT EXISTS (SELECT 1 FROM asset_candidates WHERE registry = $1)
      ON CONFLICT DO NOTHING""";

  /**
   * Add Asset for many requests in one statement and one round trip, each with its own outcome. Per request
   * it reads the caller's account and inserts only when the account is ACTIVE and the registry has a candidate
   * for the request's (symbol, chain) key and the account's chain; the unique key (chain, address, symbol) decides
   * between duplicates, in this batch or in concurrent ones, since an asset is one on-chain balance and EVM accounts
   * of a wallet share addresses. It is the only arbiter: a duplicate (account, chain, symbol) has the account's
   * one address, so it is always a duplicate (chain, address, symbol) too, and checking one key instead of
   * three keeps the insert cheap. A request that loses names the account holding the asset. Rows go in key
   * order, so concurrent batches take their unique-key locks in the same order and cannot deadlock; for equal
   * keys the earlier request wins. Every row also says whether this registry's candidates were found at all
   * ({@code registry_ready}): without them nothing is inserted, and {@link #addBatch} writes them and runs again.
   *
   * <p>Cost (this statement is the hot path; measured with perf on PostgreSQL): the candidates are read from the
   * asset_candidates table with one look-up of its whole primary key per request (V13), not carried as constants and
   * unnested whole on every execution (141 rows, about 0.3 ms per batch). The registry id reaches that join as a
   * column of acc, not as the parameter itself: given {@code registry = $5} alone, the planner scanned all of the
   * registry's rows for every request (about 50 rows each, 0.4 ms per batch). Which requests were inserted is
   * looked up in one array of the inserted ids, since the planner, which cannot know a batch's size, would otherwise
   * rescan the inserted rows per request. The arrays are read through sub-selects so that no plan depends on a
   * batch's size: with the arrays visible, PostgreSQL found a plan made for the exact size cheaper than its generic
   * plan for small batches and planned the statement anew on every execution (0.8 ms of planning; a one-row batch
   * took 2.3 ms instead of 1.0 ms).
   */
  private static final String ADD_BATCH = """
      WITH req AS (
        SELECT * FROM unnest((SELECT $1::text[]), (SELECT $2::text[]), (SELECT $3::text[]), (SELECT $4::text[]))
          WITH ORDINALITY AS r(asset_id, account_id, client_id, rkey, idx)
      ), acc AS (
        SELECT r.idx, r.asset_id, r.account_id, r.client_id, r.rkey, a.wallet_id, a.chain, a.status, a.address,
               $5::text AS registry
        FROM req r JOIN accounts a ON a.account_id = r.account_id AND a.client_id = r.client_id
      ), want AS (
        SELECT acc.idx, acc.asset_id, acc.account_id, acc.wallet_id, acc.client_id, acc.address, c.chain, c.symbol,
               c.network, c.name, c.contract_address, c.decimals, c.asset_type
        FROM acc
        JOIN asset_candidates c ON c.registry = acc.registry AND c.rkey = acc.rkey AND c.account_chain = acc.chain
        WHERE acc.status = 'ACTIVE'
      ), ins AS (
        INSERT INTO assets (asset_id, account_id, wallet_id, client_id, address, chain, symbol, network, name,
                            contract_address, decimals, asset_type)
        SELECT asset_id, account_id, wallet_id, client_id, address, chain, symbol, network, name,
               contract_address, decimals, asset_type
        FROM want
        ORDER BY address, chain, symbol, account_id, idx
        ON CONFLICT (chain, address, symbol) DO NOTHING
        RETURNING asset_id, account_id, address, chain, symbol, created_at
      ), inserted AS (
        SELECT array_agg(asset_id) AS ids, array_agg(created_at) AS created FROM ins
      ), outcome AS (
        SELECT r.idx, acc.wallet_id, acc.chain AS account_chain, acc.status, w.chain, w.address, w.symbol,
               w.idx AS wanted, array_position(inserted.ids, w.asset_id) AS pos, inserted.ids, inserted.created
        FROM req r LEFT JOIN acc ON acc.idx = r.idx LEFT JOIN want w ON w.idx = r.idx CROSS JOIN inserted
      )
      SELECT o.idx, o.wallet_id, o.account_chain, o.status, o.ids[o.pos] AS asset_id, o.created[o.pos] AS created_at,
             CASE WHEN o.pos IS NULL AND o.wanted IS NOT NULL THEN coalesce(
               (SELECT i.account_id FROM ins i WHERE i.chain = o.chain AND i.address = o.address AND i.symbol = o.symbol),
               (SELECT h.account_id FROM assets h WHERE h.chain = o.chain AND h.address = o.address AND h.symbol = o.symbol))
             END AS holder_account_id,
             EXISTS (SELECT 1 FROM asset_candidates WHERE registry = $5) AS registry_ready
      FROM outcome o
      ORDER BY o.idx""";

  private final SqlClient db;
  /** The registry's candidate rows as the nine column arrays of PUBLISH_CANDIDATES, and their id. */
  private final Tuple candidates;
  private final String registryId;

  AssetStorage(SqlClient db, AssetRegistry registry) {
    this.db = db;
    List<String[]> rows = candidateRows(registry);
    this.registryId = registryId(rows);
    Object[] columns = new Object[10];
    columns[0] = registryId;
    for (int c = 0; c < 9; c++) {
      String[] column = new String[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        column[r] = rows.get(r)[c];
      }
      columns[c + 1] = column; // all text: the statement casts decimals
    }
    this.candidates = Tuple.wrap(columns);
  }

  /**
   * The registry's whole candidate table: one row (request key, account chain, then the entry it resolves to: chain,
   * symbol, network, name, contract address, decimals, asset type) per account chain on which a request key resolves.
   * Built from {@link AssetRegistry#candidates}, so the statement agrees with the chain rules by construction.
   */
  static List<String[]> candidateRows(AssetRegistry registry) {
    List<String[]> rows = new ArrayList<>();
    for (String key : AddRequest.allKeys(registry)) {
      registry.candidates(AddRequest.symbolOf(key), AddRequest.chainOf(key)).forEach((accountChain, e) -> rows.add(
          new String[] {key, accountChain, e.chain(), e.symbol(), e.network(), e.name(), e.contractAddress(),
              Integer.toString(e.decimals()), e.assetType()}));
    }
    return rows;
  }

  /** Hex SHA-256 over the rows, each value length-prefixed (null as -1): equal ids mean equal candidate tables. */
  static String registryId(List<String[]> rows) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(4);
      for (String[] row : rows) {
        for (String value : row) {
          byte[] bytes = value == null ? new byte[0] : value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          sha.update(length.clear().putInt(value == null ? -1 : bytes.length).array());
          sha.update(bytes);
        }
      }
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Writes this registry's candidate rows unless they are there (idempotent; safe next to other servers). */
  Future<Void> publishCandidates() {
    return db.preparedQuery(PUBLISH_CANDIDATES).execute(candidates).mapEmpty();
  }

  /** Runs one batch; outcome i belongs to request i. */
  public Future<List<AddOutcome>> addBatch(List<AddRequest> requests) {
    int n = requests.size();
    if (n == 0) {
      return Future.succeededFuture(List.of());
    }
    String[] assetIds = new String[n];
    String[] accountIds = new String[n];
    String[] clientIds = new String[n];
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      AddRequest r = requests.get(i);
      assetIds[i] = r.assetId();
      accountIds[i] = r.accountId();
      clientIds[i] = r.clientId();
      keys[i] = r.key();
    }
    Tuple batch = Tuple.of(assetIds, accountIds, clientIds, keys, registryId);
    return db.preparedQuery(ADD_BATCH).execute(batch).compose(rows -> {
      if (rows.iterator().next().getBoolean("registry_ready")) {
        return Future.succeededFuture(outcomes(rows, n));
      }
      // this registry's candidates are not in the database yet (first batch of this registry, or someone deleted
      // them): the statement inserted nothing, so it can run again once they are written
      return publishCandidates().compose(v -> db.preparedQuery(ADD_BATCH).execute(batch)).map(again -> {
        if (!again.iterator().next().getBoolean("registry_ready")) {
          throw new IllegalStateException("the asset registry's candidates are not in asset_candidates after writing"
              + " them (registry " + registryId + ")");
        }
        return outcomes(again, n);
      });
    });
  }

  private static List<AddOutcome> outcomes(RowSet<Row> rows, int n) {
    List<AddOutcome> outcomes = new ArrayList<>(n);
    for (Row row : rows) {
      outcomes.add(row.getString("account_chain") == null ? AddOutcome.NO_ACCOUNT
          : new AddOutcome(true, row.getString("wallet_id"), row.getString("account_chain"),
              row.getString("status"), row.getString("asset_id"), row.getOffsetDateTime("created_at"),
              row.getString("holder_account_id")));
    }
    return outcomes;
  }

  /** The caller's asset, or empty (also for another client's asset). */
  public Future<Optional<Asset>> find(String clientId, String assetId) {
    return db.preparedQuery(FIND).execute(Tuple.of(assetId, clientId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapToAsset(rows.iterator().next())));
  }

  /** The caller's assets, optionally of one account, newest first. */
  public Future<Page<Asset>> list(String clientId, String accountId, PageRequest page) {
    return accountId == null ? Page.fetch(db, LIST, page, AssetStorage::mapToAsset, clientId)
        : Page.fetch(db, LIST_OF_ACCOUNT, page, AssetStorage::mapToAsset, clientId, accountId);
  }

  /** The asset on (chain, address, symbol), whichever client holds it; read with {@code client}. */
  static Future<Optional<Holding>> holding(SqlClient client, String chain, String address, String symbol) {
    return client.preparedQuery(HOLDING).execute(Tuple.of(chain, address, symbol)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Holding(row.getString("asset_id"), row.getString("client_id"), row.getString("wallet_id"),
          row.getString("account_id"), row.getString("chain"), row.getString("symbol"), row.getString("address"),
          row.getInteger("decimals"), row.getString("contract_address"), row.getString("asset_type"),
          row.getString("account_status"), row.getString("wallet_status")));
    });
  }

  private static Asset mapToAsset(Row row) {
    return new Asset(row.getString("asset_id"), row.getString("account_id"), row.getString("wallet_id"),
        row.getString("client_id"), row.getString("chain"), row.getString("network"), row.getString("symbol"),
        row.getString("name"), row.getString("contract_address"), row.getInteger("decimals"),
        row.getString("asset_type"), Amounts.format(row.getString("balance")),
        Amounts.format(row.getString("locked_balance")),
        row.getBoolean("is_active"), row.getOffsetDateTime("created_at"));
  }

  /**
   * What the Add Asset statement found and did. assetId is null when nothing was inserted; then
   * holderAccountId is the account that holds the asset (null when a concurrent insert is not visible yet).
   */
  public record AddOutcome(boolean accountFound, String walletId, String accountChain, String accountStatus,
      String assetId, OffsetDateTime createdAt, String holderAccountId) {
    static final AddOutcome NO_ACCOUNT = new AddOutcome(false, null, null, null, null, null, null);
  }
}
