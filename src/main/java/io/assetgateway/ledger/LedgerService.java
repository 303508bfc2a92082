package io.assetgateway.ledger;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The only way a balance changes: an effect of a transaction, written with its ledger entry in the caller's
 * database transaction. The database refuses a negative balance, a second effect of one kind for a
 * transaction, and any change to a written entry.
 */
public final class LedgerService {
  /** What a transaction does to its asset's balances. */
  public enum Effect {
    /** A deposit confirmed: balance up. */
    CREDIT,
    /** A transfer accepted: balance down, locked up. */
    LOCK,
    /** A transfer confirmed: the locked amount leaves. */
    SETTLE,
    /** A transfer failed: the locked amount returns to the balance. */
    RELEASE
  }

  /** Moves the amount from balance to locked; false (and nothing written) when the balance is short. */
  public Future<Boolean> lock(SqlClient tx, String assetId, String txId, BigDecimal amount) {
    return new LedgerStorage(tx).apply(Effect.LOCK, assetId, txId, amount);
  }

  /** Credits a confirmed deposit. */
  public Future<Void> credit(SqlClient tx, String assetId, String txId, BigDecimal amount) {
    return applied(tx, Effect.CREDIT, assetId, txId, amount);
  }

  /** The locked amount of a confirmed transfer leaves the asset. */
  public Future<Void> settle(SqlClient tx, String assetId, String txId, BigDecimal amount) {
    return applied(tx, Effect.SETTLE, assetId, txId, amount);
  }

  /** The locked amount of a failed transfer returns to the balance. */
  public Future<Void> release(SqlClient tx, String assetId, String txId, BigDecimal amount) {
    return applied(tx, Effect.RELEASE, assetId, txId, amount);
  }

  private static Future<Void> applied(SqlClient tx, Effect effect, String assetId, String txId, BigDecimal amount) {
    return new LedgerStorage(tx).apply(effect, assetId, txId, amount).compose(done -> done ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException(effect + " of " + amount + " for " + txId
            + " refused: asset " + assetId + " does not hold that much locked")));
  }

  /**
   * Recomputes every asset's balances from its entries, and checks every transaction has exactly the entries
   * its direction and status call for, all in one consistent snapshot (the chain may keep running).
   */
  public Future<LedgerReport> verify(Pool pool) {
    return pool.withTransaction(tx -> {
      LedgerStorage ledger = new LedgerStorage(tx);
      return ledger.snapshot().compose(v -> ledger.counts()).compose(counts -> ledger.balanceDifferences()
          .compose(balances -> ledger.transactionDifferences().map(transactions -> {
            List<LedgerReport.Difference> all = new ArrayList<>(balances);
            all.addAll(transactions);
            return new LedgerReport(counts[0], counts[1], all);
          })));
    });
  }
}
