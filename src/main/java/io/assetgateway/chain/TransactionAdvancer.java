package io.assetgateway.chain;

import io.assetgateway.account.AccountService;
import io.assetgateway.account.SigningKey;
import io.assetgateway.common.Amounts;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.keys.SignedTransaction;
import io.assetgateway.keys.TransactionSigner;
import io.assetgateway.keys.TransferToSign;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.registry.Chain;
import io.assetgateway.registry.RegistryEntry;
import io.assetgateway.transaction.Transaction;
import io.assetgateway.transaction.TransactionService;
import io.assetgateway.transaction.TransactionStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves transactions along their chain: signs PENDING transfers with the account's own key, broadcasts
 * SIGNED ones, and follows broadcast and confirming ones, block by block, to CONFIRMED. Each step claims its
 * rows with {@code FOR UPDATE SKIP LOCKED} in one database transaction and moves each row only from the
 * status it read, so any number of instances can run it at once, and a crash at any point (the transaction
 * rolls back) leaves every row where a later run picks it up, with no step done twice.
 */
public final class TransactionAdvancer {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionAdvancer.class);
  static final int BATCH = 200;

  private final Vertx vertx;
  private final Pool pool;
  private final TransactionService transactions;
  private final AccountService accounts;
  private final SeedVault vault;
  private final AssetRegistry registry;
  private final ChainAccess chain;

  public TransactionAdvancer(Vertx vertx, Pool pool, TransactionService transactions, AccountService accounts,
      SeedVault vault, AssetRegistry registry, ChainAccess chain) {
    this.vertx = vertx;
    this.pool = pool;
    this.transactions = transactions;
    this.accounts = accounts;
    this.vault = vault;
    this.registry = registry;
    this.chain = chain;
  }

  /** One round: sign, broadcast, follow. */
  public Future<Void> advance() {
    return sign().compose(v -> broadcast()).compose(v -> follow());
  }

  /** PENDING to SIGNED: each transfer gets its sender's next nonce and is signed on a worker thread. */
  Future<Void> sign() {
    return pool.withTransaction(tx -> transactions.claim(tx, TransactionStatus.PENDING, BATCH)
        .compose(claimed -> sequentially(claimed, t -> prepare(tx, t)))
        .compose(this::signAll)
        .compose(signed -> isolated(tx, signed, job -> record(tx, job)))
        .<Void>mapEmpty());
  }

  private Future<List<SigningJob>> signAll(List<SigningJob> jobs) {
    if (jobs.isEmpty()) {
      return Future.succeededFuture(jobs);
    }
    return vertx.executeBlocking(() -> jobs.stream().map(this::signOffLoop).toList(), false);
  }

  private Future<SigningJob> prepare(SqlClient tx, Transaction t) {
    return accounts.signingKey(tx, t.accountId()).compose(key -> transactions.nextNonce(tx, t.chain(), t.fromAddress())
        .map(nonce -> new SigningJob(t, key.orElse(null), nonce, null, null)));
  }

  /** Runs on a worker: unseals the seed, derives the key, signs, forgets the seed. */
  private SigningJob signOffLoop(SigningJob job) {
    Transaction t = job.transaction();
    try {
      if (job.key() == null) {
        throw new IllegalStateException("account " + t.accountId() + " has no key material");
      }
      Chain c = registry.chain(t.chain()).orElseThrow(() -> new IllegalStateException("chain " + t.chain()
          + " is not enabled"));
      RegistryEntry token = registry.entry(t.chain(), t.symbol()).orElseThrow(() -> new IllegalStateException(
          t.symbol() + " is not offered on " + t.chain()));
      TransferToSign transfer = new TransferToSign(c.family(), c.name(), c.chainId(), t.fromAddress(), t.toAddress(),
          Amounts.smallestUnits(t.amount(), token.decimals()),
          "NATIVE".equals(token.assetType()) ? null : token.contractAddress(), job.nonce(), t.txId(),
          t.createdAt().toInstant().toEpochMilli());
      byte[] seed = vault.decrypt(job.key().walletId(), job.key().sealedSeed());
      try {
        return job.withResult(TransactionSigner.sign(seed, job.key().derivationIndex(), transfer), null);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    } catch (RuntimeException e) {
      return job.withResult(null, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private Future<Transaction> record(SqlClient tx, SigningJob job) {
    if (job.signed() == null) {
      LOG.error("transfer {} cannot be signed, failing it: {}", job.transaction().txId(), job.failure());
      return transactions.failClaimed(tx, job.transaction(), "signing failed: " + job.failure());
    }
    return transactions.signed(tx, job.transaction(), job.nonce(), job.signed().raw(), job.signed().hash());
  }

  /** SIGNED to BROADCAST: the chain's network has the signed bytes. */
  Future<Void> broadcast() {
    return pool.withTransaction(tx -> transactions.claim(tx, TransactionStatus.SIGNED, BATCH).compose(claimed ->
        isolated(tx, claimed, t -> chain.broadcast(t.chain(), new SignedTransaction(t.signedTx(), t.signedHash()))
            .compose(v -> transactions.broadcast(tx, t)))).<Void>mapEmpty());
  }

  /**
   * Broadcast and confirming transactions: learns the block that included each (from the chain), counts its
   * confirmations against the chain's height, and confirms it once it has the chain's required number (at
   * least one: a transaction counts only once a block includes it).
   */
  Future<Void> follow() {
    return pool.withTransaction(tx -> transactions.claimOnChain(tx, BATCH).compose(claimed -> {
      Map<String, List<Transaction>> byChain = new LinkedHashMap<>();
      claimed.forEach(t -> byChain.computeIfAbsent(t.chain(), c -> new ArrayList<>()).add(t));
      return sequentially(new ArrayList<>(byChain.entrySet()), e -> followChain(tx, e.getKey(), e.getValue()));
    }).<Void>mapEmpty());
  }

  private Future<List<Transaction>> followChain(SqlClient tx, String chainName, List<Transaction> onChain) {
    List<String> unplaced = onChain.stream().filter(t -> t.blockNumber() == 0).map(TransactionAdvancer::hashOf)
        .toList();
    return chain.height(chainName).compose(height -> chain.inclusions(chainName, unplaced).compose(blocks ->
        isolated(tx, onChain, t -> {
          Long block = t.blockNumber() > 0 ? Long.valueOf(t.blockNumber()) : blocks.get(hashOf(t));
          if (block == null) {
            return Future.succeededFuture(t);
          }
          int confirmations = (int) Math.min(Integer.MAX_VALUE, Math.max(1, height - block + 1));
          Future<Transaction> placed = t.blockNumber() == 0 ? transactions.included(tx, t, block, confirmations)
              : Future.succeededFuture(t);
          return placed.compose(p -> {
            if (confirmations >= Math.max(1, p.requiredConfirmations())) {
              return transactions.confirmed(tx, p);
            }
            return confirmations == p.confirmations() ? Future.succeededFuture(p)
                : transactions.confirmations(tx, p, confirmations);
          });
        })));
  }

  private static String hashOf(Transaction t) {
    return t.txHash().isEmpty() ? t.signedHash() : t.txHash();
  }

  /** Runs the steps one after another on the claiming connection (a transaction runs one statement at a time). */
  private static <T, R> Future<List<R>> sequentially(List<T> items, Function<T, Future<R>> step) {
    List<R> results = new ArrayList<>(items.size());
    Future<Void> chain = Future.succeededFuture();
    for (T item : items) {
      chain = chain.compose(v -> step.apply(item).map(r -> {
        results.add(r);
        return null;
      }));
    }
    return chain.map(results);
  }

  /**
   * Runs the step for each item, each inside a savepoint: an item whose step fails is rolled back alone and
   * logged (it stays where it was, for the next round), so one bad row cannot hold up the rest of the batch.
   */
  private static <T, R> Future<List<R>> isolated(SqlClient tx, List<T> items, Function<T, Future<R>> step) {
    return sequentially(items, item -> tx.query("SAVEPOINT step").execute()
        .compose(v -> step.apply(item))
        .compose(r -> tx.query("RELEASE SAVEPOINT step").execute().map(r))
        .recover(e -> {
          LOG.warn("skipping {} this round: {}", item instanceof Transaction t ? t.txId()
              : item instanceof SigningJob j ? j.transaction().txId() : item, e.toString());
          return tx.query("ROLLBACK TO SAVEPOINT step").execute().map(v -> (R) null);
        }));
  }

  /** A transfer being signed: its key, nonce, and then the signed bytes or why not. */
  private record SigningJob(Transaction transaction, SigningKey key, long nonce, SignedTransaction signed,
      String failure) {
    SigningJob withResult(SignedTransaction signedTransaction, String why) {
      return new SigningJob(transaction, key, nonce, signedTransaction, why);
    }
  }
}
