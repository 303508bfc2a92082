package io.assetgateway.transaction;

import io.assetgateway.web.Page;
import io.assetgateway.web.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** All SQL on the transactions table and the signing nonces of (chain, address). */
final class TransactionStorage {
  private static final String COLUMNS = "tx_id, client_id, wallet_id, account_id, asset_id, chain, symbol, direction,"
      + " from_address, to_address, amount, memo, status, tx_hash, block_number, confirmations,"
      + " required_confirmations, nonce, signed_tx, signed_hash, source_tx_id, created_at";
  private static final String INSERT = """
      INSERT INTO transactions (tx_id, client_id, wallet_id, account_id, asset_id, chain, symbol, direction,
                                from_address, to_address, amount, memo, status, tx_hash, block_number, confirmations,
                                required_confirmations, source_tx_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
      RETURNING\s""" + COLUMNS;
  private static final String FIND = "SELECT " + COLUMNS + " FROM transactions WHERE tx_id = $1 AND client_id = $2";
  private static final String FIND_ANY_FOR_UPDATE = "SELECT " + COLUMNS + " FROM transactions WHERE tx_id = $1 FOR UPDATE";
  private static final String FILTER = " WHERE client_id = $1 AND ($2::text IS NULL OR wallet_id = $2)"
      + " AND ($3::text IS NULL OR account_id = $3) AND ($4::text IS NULL OR chain = $4)";
  /** Page.fetch's shape: at least one row, the id first (NULL on an empty page's one row), the total on each. */
  private static final String LIST = "WITH matching AS MATERIALIZED (SELECT " + COLUMNS + " FROM transactions" + FILTER
      + "), counted AS (SELECT count(*) AS total FROM matching)"
      + " SELECT p.*, counted.total FROM counted LEFT JOIN (SELECT * FROM matching"
      + " ORDER BY created_at DESC, tx_id DESC LIMIT $5 OFFSET $6) p ON true ORDER BY p.created_at DESC, p.tx_id DESC";
  /** Work for the chain worker: rows no other worker holds, oldest first, locked until the caller commits. */
  private static final String CLAIM = "SELECT " + COLUMNS + " FROM transactions WHERE status = $1"
      + " ORDER BY created_at, tx_id LIMIT $2 FOR UPDATE SKIP LOCKED";
  /** On chain and not final; a deposit made by an own transfer follows that transfer, so it is not claimed alone. */
  private static final String CLAIM_ON_CHAIN = "SELECT " + COLUMNS + " FROM transactions"
      + " WHERE status IN ('BROADCAST', 'CONFIRMING') AND source_tx_id IS NULL"
      + " ORDER BY created_at, tx_id LIMIT $1 FOR UPDATE SKIP LOCKED";
  private static final String CREDIT_OF = "SELECT " + COLUMNS + " FROM transactions WHERE source_tx_id = $1 FOR UPDATE";
  private static final String NEXT_NONCE = """
      INSERT INTO account_nonces (chain, address, next_nonce) VALUES ($1, $2, 1)
      ON CONFLICT (chain, address) DO UPDATE SET next_nonce = account_nonces.next_nonce + 1
      RETURNING next_nonce - 1 AS nonce""";
  private static final String MOVE = "UPDATE transactions SET status = $3, updated_at = now()%s"
      + " WHERE tx_id = $1 AND status = $2 RETURNING " + COLUMNS;
  private static final String TO_SIGNED = MOVE.formatted(", nonce = $4, signed_tx = $5, signed_hash = $6");
  private static final String TO_BROADCAST = MOVE.formatted(", tx_hash = signed_hash");
  private static final String TO_CONFIRMING = MOVE.formatted(", block_number = $4, confirmations = $5");
  private static final String TO_CONFIRMED = MOVE.formatted(", confirmations = $4, confirmed_at = now()");
  private static final String TO_FAILED = MOVE.formatted(", failure_reason = $4");
  private static final String CONFIRMATIONS = "UPDATE transactions SET confirmations = $2, updated_at = now()"
      + " WHERE tx_id = $1 AND status = 'CONFIRMING' RETURNING " + COLUMNS;

  private final SqlClient db;

  TransactionStorage(SqlClient db) {
    this.db = db;
  }

  Future<Transaction> insert(Transaction t) {
    return db.preparedQuery(INSERT).execute(Tuple.from(new Object[] {t.txId(), t.clientId(), t.walletId(),
            t.accountId(), t.assetId(), t.chain(), t.symbol(), t.direction().name(), t.fromAddress(), t.toAddress(),
            t.amount(), t.memo(), t.status().name(), t.txHash(), t.blockNumber(), t.confirmations(),
            t.requiredConfirmations(), t.sourceTxId()}))
        .map(rows -> mapToTransaction(rows.iterator().next()));
  }

  Future<Optional<Transaction>> find(String clientId, String txId) {
    return db.preparedQuery(FIND).execute(Tuple.of(txId, clientId)).map(TransactionStorage::first);
  }

  /** Any client's transaction, row-locked until the caller's transaction ends. */
  Future<Optional<Transaction>> lock(String txId) {
    return db.preparedQuery(FIND_ANY_FOR_UPDATE).execute(Tuple.of(txId)).map(TransactionStorage::first);
  }

  /** The deposit an own transfer made, row-locked, if any. */
  Future<Optional<Transaction>> lockCreditOf(String sourceTxId) {
    return db.preparedQuery(CREDIT_OF).execute(Tuple.of(sourceTxId)).map(TransactionStorage::first);
  }

  Future<Page<Transaction>> list(String clientId, String walletId, String accountId, String chain, PageRequest page) {
    return Page.fetch(db, LIST, page, TransactionStorage::mapToTransaction, clientId, walletId, accountId, chain);
  }

  Future<List<Transaction>> claim(TransactionStatus status, int limit) {
    return db.preparedQuery(CLAIM).execute(Tuple.of(status.name(), limit)).map(TransactionStorage::all);
  }

  Future<List<Transaction>> claimOnChain(int limit) {
    return db.preparedQuery(CLAIM_ON_CHAIN).execute(Tuple.of(limit)).map(TransactionStorage::all);
  }

  Future<Long> nextNonce(String chain, String address) {
    return db.preparedQuery(NEXT_NONCE).execute(Tuple.of(chain, address))
        .map(rows -> rows.iterator().next().getLong("nonce"));
  }

  Future<Transaction> toSigned(Transaction t, long nonce, byte[] signedTx, String signedHash) {
    return move(TO_SIGNED, t, TransactionStatus.SIGNED, nonce, Buffer.buffer(signedTx), signedHash);
  }

  Future<Transaction> toBroadcast(Transaction t) {
    return move(TO_BROADCAST, t, TransactionStatus.BROADCAST);
  }

  Future<Transaction> toConfirming(Transaction t, long blockNumber, int confirmations) {
    return move(TO_CONFIRMING, t, TransactionStatus.CONFIRMING, blockNumber, confirmations);
  }

  Future<Transaction> toConfirmed(Transaction t, int confirmations) {
    return move(TO_CONFIRMED, t, TransactionStatus.CONFIRMED, confirmations);
  }

  Future<Transaction> toFailed(Transaction t, String reason) {
    return move(TO_FAILED, t, TransactionStatus.FAILED, reason);
  }

  Future<Transaction> confirmations(Transaction t, int confirmations) {
    return db.preparedQuery(CONFIRMATIONS).execute(Tuple.of(t.txId(), confirmations)).map(rows -> moved(rows, t));
  }

  /** Moves the row from the status the caller read to {@code to}; fails if it was no longer there. */
  private Future<Transaction> move(String sql, Transaction t, TransactionStatus to, Object... values) {
    Tuple args = Tuple.of(t.txId(), t.status().name(), to.name());
    for (Object value : values) {
      args.addValue(value);
    }
    return db.preparedQuery(sql).execute(args).map(rows -> moved(rows, t));
  }

  private static Transaction moved(RowSet<Row> rows, Transaction before) {
    if (rows.size() == 0) {
      throw new IllegalStateException("transaction " + before.txId() + " is no longer " + before.status());
    }
    return mapToTransaction(rows.iterator().next());
  }

  private static Optional<Transaction> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(mapToTransaction(rows.iterator().next()));
  }

  private static List<Transaction> all(RowSet<Row> rows) {
    List<Transaction> out = new ArrayList<>(rows.size());
    rows.forEach(row -> out.add(mapToTransaction(row)));
    return out;
  }

  private static Transaction mapToTransaction(Row row) {
    Buffer signed = row.getBuffer("signed_tx");
    return new Transaction(row.getString("tx_id"), row.getString("client_id"), row.getString("wallet_id"),
        row.getString("account_id"), row.getString("asset_id"), row.getString("chain"), row.getString("symbol"),
        Direction.valueOf(row.getString("direction")), row.getString("from_address"), row.getString("to_address"),
        row.getBigDecimal("amount"), row.getString("memo"), TransactionStatus.valueOf(row.getString("status")),
        row.getString("tx_hash"), row.getLong("block_number"), row.getInteger("confirmations"),
        row.getInteger("required_confirmations"), row.getLong("nonce"), signed == null ? null : signed.getBytes(),
        row.getString("signed_hash"), row.getString("source_tx_id"), row.getOffsetDateTime("created_at"));
  }
}
