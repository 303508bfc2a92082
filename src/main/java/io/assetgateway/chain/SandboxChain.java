package io.assetgateway.chain;

import io.assetgateway.keys.SignedTransaction;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in chain: a deterministic stand-in for every chain's network, kept in the database. Each chain
 * has a clock row (its height) and a mempool; a block every {@code blockMillis} includes everything waiting.
 * The clock row is the lease: producing a block is one conditional update of it, so however many instances
 * share the database, each block interval yields one block, and a restart continues from the stored height.
 */
public final class SandboxChain implements ChainAccess {
  private static final String PREPARE = "INSERT INTO sandbox_chains (chain) SELECT unnest($1::text[])"
      + " ON CONFLICT (chain) DO NOTHING";
  /**
   * Every chain whose next block is due gets it, and the block includes its waiting transactions. A clock row
   * another instance holds is skipped, not waited for (that instance is producing the block). The due time
   * advances by whole intervals (a late tick does not slow the chain down), but never lags more than one
   * interval behind now (a stopped server does not produce a burst when it starts again).
   */
  private static final String PRODUCE_BLOCKS = """
      WITH due AS (
        SELECT chain FROM sandbox_chains
        WHERE last_block_at + $1::bigint * interval '1 millisecond' <= now()
        ORDER BY chain FOR UPDATE SKIP LOCKED
      ), produced AS (
        UPDATE sandbox_chains c
        SET height = c.height + 1,
            last_block_at = greatest(c.last_block_at + $1::bigint * interval '1 millisecond',
                                     now() - $1::bigint * interval '1 millisecond')
        FROM due WHERE c.chain = due.chain
        RETURNING c.chain, c.height
      ), included AS (
        UPDATE sandbox_mempool m SET block_number = produced.height
        FROM produced WHERE m.chain = produced.chain AND m.block_number IS NULL
        RETURNING m.chain
      )
      SELECT (SELECT count(*) FROM produced) AS blocks, (SELECT count(*) FROM included) AS transactions""";
  private static final String HEIGHT = "SELECT height FROM sandbox_chains WHERE chain = $1";
  private static final String SUBMIT = "INSERT INTO sandbox_mempool (chain, tx_hash, raw) VALUES ($1, $2, $3)"
      + " ON CONFLICT (chain, tx_hash) DO NOTHING";
  private static final String INCLUSIONS = "SELECT tx_hash, block_number FROM sandbox_mempool"
      + " WHERE chain = $1 AND tx_hash = ANY($2::text[]) AND block_number IS NOT NULL";
  private static final String DROP = "DELETE FROM sandbox_mempool WHERE chain = $1 AND tx_hash = ANY($2::text[])"
      + " AND block_number IS NULL";

  private final SqlClient db;
  private final long blockMillis;

  public SandboxChain(SqlClient db, long blockMillis) {
    this.db = db;
    this.blockMillis = blockMillis;
  }

  public long blockMillis() {
    return blockMillis;
  }

  /** Gives each of these chains its clock (height 0 the first time; kept across restarts). */
  public Future<Void> prepare(Collection<String> chains) {
    return db.preparedQuery(PREPARE).execute(Tuple.tuple().addArrayOfString(chains.toArray(String[]::new))).mapEmpty();
  }

  /** Produces the blocks that are due now, on every chain; the number of blocks produced (0 when none is due). */
  public Future<Long> produceBlocks() {
    return db.preparedQuery(PRODUCE_BLOCKS).execute(Tuple.of(blockMillis))
        .map(rows -> rows.iterator().next().getLong("blocks"));
  }

  @Override
  public Future<Long> height(String chain) {
    return db.preparedQuery(HEIGHT).execute(Tuple.of(chain))
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("height"));
  }

  @Override
  public Future<Void> broadcast(String chain, SignedTransaction transaction) {
    return db.preparedQuery(SUBMIT).execute(Tuple.of(chain, transaction.hash(), Buffer.buffer(transaction.raw())))
        .mapEmpty();
  }

  @Override
  public Future<Map<String, Long>> inclusions(String chain, List<String> txHashes) {
    if (txHashes.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery(INCLUSIONS).execute(Tuple.of(chain).addArrayOfString(txHashes.toArray(String[]::new))).map(rows -> {
      Map<String, Long> found = new HashMap<>();
      for (Row row : rows) {
        found.put(row.getString("tx_hash"), row.getLong("block_number"));
      }
      return found;
    });
  }

  /** A transaction from outside this server (a simulated deposit) reaches the mempool. */
  public Future<Void> receive(String chain, String txHash) {
    return db.preparedQuery(SUBMIT).execute(Tuple.of(chain, txHash, null)).mapEmpty();
  }

  /** Drops these transactions from the mempool unless a block already includes them (a simulated failure). */
  public Future<Void> drop(String chain, List<String> txHashes) {
    return db.preparedQuery(DROP).execute(Tuple.of(chain).addArrayOfString(txHashes.toArray(String[]::new))).mapEmpty();
  }
}
