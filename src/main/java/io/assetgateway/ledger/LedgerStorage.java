package io.assetgateway.ledger;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * All SQL of the ledger: the balance columns of assets and the append-only ledger_entries. Each effect is one
 * statement that changes the balances and appends the entry together, so neither exists without the other.
 */
final class LedgerStorage {
  /** %s: the SET list; %s: the guard that keeps the balances non-negative. Parameters: asset, tx, kind, amount. */
  private static final String EFFECT = """
      WITH changed AS (
        UPDATE assets SET %s WHERE asset_id = $1 AND %s
        RETURNING asset_id, balance, locked_balance
      )
      INSERT INTO ledger_entries (asset_id, tx_id, kind, amount, balance_delta, locked_delta, balance_after,
                                  locked_after)
      SELECT asset_id, $2::text, $3::text, $4::numeric, %s, %s, balance, locked_balance FROM changed
      RETURNING entry_id""";
  private static final String CREDIT = EFFECT.formatted("balance = balance + $4::numeric", "true", "$4::numeric", "0");
  private static final String LOCK = EFFECT.formatted("balance = balance - $4::numeric, locked_balance = locked_balance + $4::numeric",
      "balance >= $4::numeric", "-$4::numeric", "$4::numeric");
  private static final String SETTLE = EFFECT.formatted("locked_balance = locked_balance - $4::numeric", "locked_balance >= $4::numeric",
      "0", "-$4::numeric");
  private static final String RELEASE = EFFECT.formatted(
      "balance = balance + $4::numeric, locked_balance = locked_balance - $4::numeric", "locked_balance >= $4::numeric", "$4::numeric", "-$4::numeric");

  private static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  private static final String COUNTS = "SELECT (SELECT count(*) FROM assets) AS assets,"
      + " (SELECT count(*) FROM ledger_entries) AS entries";
  /** Assets whose balances differ from the sum of their entries. */
  private static final String BALANCE_DIFFERENCES = """
      SELECT s.asset_id, s.balance::text AS balance, s.locked_balance::text AS locked_balance,
             coalesce(e.balance, 0)::text AS ledger_balance, coalesce(e.locked, 0)::text AS ledger_locked
      FROM assets s
      LEFT JOIN (SELECT asset_id, sum(balance_delta) AS balance, sum(locked_delta) AS locked
                 FROM ledger_entries GROUP BY asset_id) e ON e.asset_id = s.asset_id
      WHERE s.balance <> coalesce(e.balance, 0) OR s.locked_balance <> coalesce(e.locked, 0)
      ORDER BY s.asset_id""";
  /** Transactions whose entries do not match what their direction and status call for. */
  private static final String TRANSACTION_DIFFERENCES = """
      SELECT t.tx_id, t.direction, t.status,
             string_agg(e.kind, ',' ORDER BY e.kind) AS kinds,
             bool_or(e.asset_id <> t.asset_id OR e.amount <> t.amount) AS mismatched
      FROM transactions t LEFT JOIN ledger_entries e ON e.tx_id = t.tx_id
      GROUP BY t.tx_id, t.direction, t.status
      HAVING coalesce(bool_or(e.asset_id <> t.asset_id OR e.amount <> t.amount), false)
          OR coalesce(string_agg(e.kind, ',' ORDER BY e.kind), '') <> CASE
               WHEN t.direction = 'INBOUND' AND t.status = 'CONFIRMED' THEN 'CREDIT'
               WHEN t.direction = 'INBOUND' THEN ''
               WHEN t.status = 'CONFIRMED' THEN 'LOCK,SETTLE'
               WHEN t.status = 'FAILED' THEN 'LOCK,RELEASE'
               ELSE 'LOCK' END
      ORDER BY t.tx_id""";

  private final SqlClient db;

  LedgerStorage(SqlClient db) {
    this.db = db;
  }

  /** Applies one effect; false when its guard refused (not enough balance, or not enough locked). */
  Future<Boolean> apply(LedgerService.Effect effect, String assetId, String txId, BigDecimal amount) {
    String sql = switch (effect) {
      case CREDIT -> CREDIT;
      case LOCK -> LOCK;
      case SETTLE -> SETTLE;
      case RELEASE -> RELEASE;
    };
    return db.preparedQuery(sql).execute(Tuple.of(assetId, txId, effect.name(), amount)).map(rows -> rows.size() == 1);
  }

  /** Starts the verification's snapshot: the first statement of its transaction. */
  Future<Void> snapshot() {
    return db.query(SNAPSHOT).execute().mapEmpty();
  }

  Future<long[]> counts() {
    return db.query(COUNTS).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new long[] {row.getLong("assets"), row.getLong("entries")};
    });
  }

  Future<List<LedgerReport.Difference>> balanceDifferences() {
    return db.query(BALANCE_DIFFERENCES).execute().map(rows -> {
      List<LedgerReport.Difference> out = new ArrayList<>();
      for (Row row : rows) {
        out.add(new LedgerReport.Difference(row.getString("asset_id"), "balance " + row.getString("balance")
            + " and locked_balance " + row.getString("locked_balance") + " but the entries sum to "
            + row.getString("ledger_balance") + " and " + row.getString("ledger_locked")));
      }
      return out;
    });
  }

  Future<List<LedgerReport.Difference>> transactionDifferences() {
    return db.query(TRANSACTION_DIFFERENCES).execute().map(rows -> {
      List<LedgerReport.Difference> out = new ArrayList<>();
      for (Row row : rows) {
        String kinds = row.getString("kinds");
        out.add(new LedgerReport.Difference(row.getString("tx_id"), row.getString("direction") + " "
            + row.getString("status") + " transaction has entries [" + (kinds == null ? "" : kinds) + "]"
            + (Boolean.TRUE.equals(row.getBoolean("mismatched")) ? " with another asset or amount" : "")));
      }
      return out;
    });
  }
}
