package io.assetgateway.transaction;

import io.assetgateway.asset.AssetService;
import io.assetgateway.asset.Holding;
import io.assetgateway.common.Ids;
import io.assetgateway.common.Amounts;
import io.assetgateway.ledger.LedgerService;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.registry.RegistryEntry;
import io.assetgateway.webhook.TransactionEvent;
import io.assetgateway.webhook.WebhookService;
import io.assetgateway.web.ApiError;
import io.assetgateway.web.Page;
import io.assetgateway.web.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Transactions: reads, and every status change, each written with its balance effect in the caller's database
 * transaction. Status changes happen only here (so anything that must follow each of them, such as a webhook
 * outbox row, has one place to go), and only from the status the caller read, so a step cannot happen twice.
 */
public final class TransactionService {
  private final Pool pool;
  private final LedgerService ledger;
  private final AssetService assets;
  private final AssetRegistry registry;
  private final WebhookService webhooks;

  /**
   * {@code assets} finds the recipient of a transfer among this server's assets; {@code webhooks} records the
   * webhook event of each change to CONFIRMING, CONFIRMED or FAILED in the same database transaction as the change
   * (null where nothing changes status: reads only).
   */
  public TransactionService(Pool pool, LedgerService ledger, AssetService assets, AssetRegistry registry,
      WebhookService webhooks) {
    this.pool = pool;
    this.ledger = ledger;
    this.assets = assets;
    this.registry = registry;
    this.webhooks = webhooks;
  }

  /**
   * The durable outbox half of a status change: when {@code after} reached a status that clients are told of, its
   * event goes into the webhook outbox in {@code tx}, so it commits (or rolls back) with the change itself.
   */
  private Future<Transaction> announce(SqlClient tx, TransactionStatus before, Transaction after) {
    if (webhooks == null || before == after.status()) {
      return Future.succeededFuture(after);
    }
    if (after.status() != TransactionStatus.CONFIRMING && after.status() != TransactionStatus.CONFIRMED
        && after.status() != TransactionStatus.FAILED) {
      return Future.succeededFuture(after);
    }
    RegistryEntry entry = registry.entry(after.chain(), after.symbol()).orElseThrow(
        () -> new IllegalStateException("no registry entry for " + after.symbol() + " on " + after.chain()));
    TransactionEvent event = new TransactionEvent(after.txId(), after.clientId(), after.walletId(), after.accountId(),
        after.status().name(), after.direction().name(), after.chain(), entry.network(), after.txHash(),
        after.blockNumber(), after.fromAddress(), after.toAddress(), after.symbol(), entry.contractAddress(),
        Amounts.format(after.amount()), entry.decimals(), after.confirmations(), after.requiredConfirmations(),
        after.createdAt(), after.status() == TransactionStatus.CONFIRMED ? OffsetDateTime.now(ZoneOffset.UTC) : null);
    return webhooks.enqueue(tx, event).map(after);
  }

  /** The caller's transaction, or empty (also for another client's transaction). */
  public Future<Optional<Transaction>> find(String clientId, String txId) {
    return new TransactionStorage(pool).find(clientId, txId);
  }

  /** The caller's transactions, optionally of one wallet, account and chain, newest first. */
  public Future<Page<Transaction>> list(String clientId, String walletId, String accountId, String chain,
      PageRequest page) {
    return new TransactionStorage(pool).list(clientId, walletId, accountId, chain, page);
  }

  /**
   * Records a PENDING transfer out of {@code source} and locks its amount, in {@code tx}: 400
   * insufficient_balance (and nothing written, once {@code tx} rolls back) when the balance is short.
   */
  public Future<Transaction> startTransfer(SqlClient tx, Holding source, String toAddress, BigDecimal amount,
      String memo, int requiredConfirmations) {
    Transaction transfer = new Transaction(Ids.transaction(), source.clientId(), source.walletId(), source.accountId(),
        source.assetId(), source.chain(), source.symbol(), Direction.OUTBOUND, source.address(), toAddress, amount,
        memo, TransactionStatus.PENDING, "", 0, 0, requiredConfirmations, null, null, null, null, null);
    return new TransactionStorage(tx).insert(transfer).compose(inserted ->
        ledger.lock(tx, source.assetId(), inserted.txId(), amount).map(locked -> {
          if (!locked) {
            throw ApiError.INSUFFICIENT_BALANCE.with("Insufficient balance: the available " + source.symbol()
                + " balance is less than " + amount.toPlainString());
          }
          return inserted;
        }));
  }

  /**
   * Records a deposit to {@code recipient} as seen on chain (CONFIRMING), in {@code tx}; it is credited when
   * it reaches CONFIRMED. {@code sourceTxId} names the own transfer that made it, or is null.
   */
  public Future<Transaction> recordDeposit(SqlClient tx, Holding recipient, String fromAddress, BigDecimal amount,
      String txHash, long blockNumber, int confirmations, int requiredConfirmations, String sourceTxId) {
    Transaction deposit = new Transaction(Ids.transaction(), recipient.clientId(), recipient.walletId(),
        recipient.accountId(), recipient.assetId(), recipient.chain(), recipient.symbol(), Direction.INBOUND,
        fromAddress, recipient.address(), amount, "", TransactionStatus.CONFIRMING, txHash, blockNumber,
        confirmations, requiredConfirmations, null, null, null, sourceTxId, null);
    return new TransactionStorage(tx).insert(deposit).compose(inserted -> announce(tx, null, inserted));
  }

  /** Up to {@code limit} transactions in {@code status} that no other worker holds, locked for {@code tx}. */
  public Future<List<Transaction>> claim(SqlClient tx, TransactionStatus status, int limit) {
    return new TransactionStorage(tx).claim(status, limit);
  }

  /** Up to {@code limit} transactions broadcast or confirming, locked for {@code tx} (own transfers' deposits follow their transfer). */
  public Future<List<Transaction>> claimOnChain(SqlClient tx, int limit) {
    return new TransactionStorage(tx).claimOnChain(limit);
  }

  /** The next nonce of an address on a chain (the row lock orders concurrent signers). */
  public Future<Long> nextNonce(SqlClient tx, String chain, String address) {
    return new TransactionStorage(tx).nextNonce(chain, address);
  }

  /** PENDING to SIGNED: the signed bytes, their hash and the nonce they use. */
  public Future<Transaction> signed(SqlClient tx, Transaction t, long nonce, byte[] signedTx, String signedHash) {
    return new TransactionStorage(tx).toSigned(t, nonce, signedTx, signedHash);
  }

  /** SIGNED to BROADCAST: the chain has it; tx_hash becomes visible. */
  public Future<Transaction> broadcast(SqlClient tx, Transaction t) {
    return new TransactionStorage(tx).toBroadcast(t);
  }

  /**
   * Included in a block: BROADCAST to CONFIRMING (or a deposit learns its block). A transfer to an address of
   * an asset of this server (any client's) is also a deposit there: recorded now, credited with the transfer.
   */
  public Future<Transaction> included(SqlClient tx, Transaction t, long blockNumber, int confirmations) {
    // a deposit seen before its block is CONFIRMING already: it only learns its block
    Future<Transaction> moved = new TransactionStorage(tx).toConfirming(t, blockNumber, confirmations)
        .compose(confirming -> announce(tx, t.status(), confirming));
    if (t.direction() != Direction.OUTBOUND) {
      return moved;
    }
    return moved.compose(transfer -> assets.holding(tx, transfer.chain(), transfer.toAddress(), transfer.symbol())
        .compose(recipient -> recipient.isEmpty() ? Future.succeededFuture(transfer)
            : recordDeposit(tx, recipient.get(), transfer.fromAddress(), transfer.amount(), transfer.txHash(),
                blockNumber, confirmations, transfer.requiredConfirmations(), transfer.txId()).map(transfer)));
  }

  /** More confirmations, not yet enough; the deposit an own transfer made follows it. */
  public Future<Transaction> confirmations(SqlClient tx, Transaction t, int confirmations) {
    TransactionStorage storage = new TransactionStorage(tx);
    return storage.confirmations(t, confirmations).compose(updated -> storage.lockCreditOf(t.txId())
        .compose(credit -> credit.filter(c -> c.status() == TransactionStatus.CONFIRMING)
            .map(c -> storage.confirmations(c, confirmations).map(updated))
            .orElse(Future.succeededFuture(updated))));
  }

  /**
   * CONFIRMING to CONFIRMED, with its balance effect: a deposit is credited, a transfer's locked amount leaves
   * (and the deposit it made, if any, is confirmed and credited with it).
   */
  public Future<Transaction> confirmed(SqlClient tx, Transaction t) {
    TransactionStorage storage = new TransactionStorage(tx);
    int confirmations = Math.max(t.confirmations(), t.requiredConfirmations());
    return storage.toConfirmed(t, confirmations).compose(done -> announce(tx, t.status(), done)).compose(done -> {
      if (done.direction() == Direction.INBOUND) {
        return ledger.credit(tx, done.assetId(), done.txId(), done.amount()).map(done);
      }
      return ledger.settle(tx, done.assetId(), done.txId(), done.amount())
          .compose(v -> storage.lockCreditOf(done.txId()))
          .compose(credit -> credit.filter(c -> c.status() == TransactionStatus.CONFIRMING)
              .map(c -> storage.toConfirmed(c, confirmations).compose(cc -> announce(tx, c.status(), cc))
                  .compose(cc -> ledger.credit(tx, cc.assetId(), cc.txId(), cc.amount())))
              .orElse(Future.succeededFuture()))
          .map(done);
    });
  }

  /**
   * Fails a transaction that is not final, in its own database transaction: a transfer's locked amount
   * returns to the balance, and the deposit it made (if any) fails with it. 404 not_found for no such
   * transaction; 400 transaction_failed when it is final, or is a deposit made by an own transfer (fail that
   * transfer instead).
   */
  public Future<Transaction> fail(String txId, String reason) {
    return pool.withTransaction(tx -> {
      TransactionStorage storage = new TransactionStorage(tx);
      return storage.lock(txId).compose(found -> {
        Transaction t = found.orElseThrow(() -> ApiError.NOT_FOUND.with("Transaction not found"));
        if (t.status().isFinal()) {
          throw ApiError.TRANSACTION_FAILED.with("Transaction " + txId + " is already " + t.status());
        }
        if (t.sourceTxId() != null) {
          throw ApiError.TRANSACTION_FAILED.with("Transaction " + txId + " is the deposit made by transfer "
              + t.sourceTxId() + "; fail that transfer instead");
        }
        return failClaimed(tx, t, reason);
      });
    });
  }

  /**
   * Fails a transaction the caller holds locked in {@code tx}: a transfer's locked amount returns to the
   * balance, and the deposit it made (if any) fails with it.
   */
  public Future<Transaction> failClaimed(SqlClient tx, Transaction t, String reason) {
    TransactionStorage storage = new TransactionStorage(tx);
    return storage.toFailed(t, reason).compose(failed -> announce(tx, t.status(), failed))
        .compose(failed -> failed.direction() == Direction.INBOUND
        ? Future.succeededFuture(failed)
        : ledger.release(tx, failed.assetId(), failed.txId(), failed.amount())
            .compose(v -> storage.lockCreditOf(failed.txId()))
            .compose(credit -> credit.filter(c -> !c.status().isFinal())
                .map(c -> storage.toFailed(c, reason).compose(cf -> announce(tx, c.status(), cf)).<Void>mapEmpty())
                .orElse(Future.succeededFuture()))
            .map(failed));
  }
}
