package io.assetgateway.webhook;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * What a transaction's status change tells its client: everything the webhook body carries. The ledger builds one
 * per status change and hands it to {@link WebhookService#enqueue} inside the transaction that makes the change.
 *
 * @param amount a decimal string in whole units ({@code "1.5"}); the body carries it in the smallest unit
 * @param confirmedAt null until the transaction is confirmed
 */
public record TransactionEvent(String txId, String clientId, String walletId, String accountId, String status,
    String transactionType, String chain, String network, String txHash, long blockNumber, String from, String to,
    String symbol, String contractAddress, String amount, int decimals, long confirmations,
    long requiredConfirmations, OffsetDateTime createdAt, OffsetDateTime confirmedAt) {

  public TransactionEvent {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(walletId, "walletId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(transactionType, "transactionType");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(contractAddress, "contractAddress");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(createdAt, "createdAt");
    if (blockNumber < 0 || confirmations < 0 || requiredConfirmations < 0) {
      throw new IllegalArgumentException("block number and confirmations are never negative");
    }
    if (decimals < 0 || decimals > 36) {
      throw new IllegalArgumentException("decimals must be 0..36 (got " + decimals + ")");
    }
    smallestUnits(amount, decimals); // a bad amount fails here, in the caller's transaction, not at delivery
  }

  /** The event type this status announces; empty for statuses that announce nothing (PENDING, SIGNED, ...). */
  public Optional<String> eventType() {
    return switch (status) {
      case "CONFIRMING" -> Optional.of("transaction.confirming");
      case "CONFIRMED" -> Optional.of("transaction.confirmed");
      case "FAILED" -> Optional.of("transaction.failed");
      default -> Optional.empty();
    };
  }

  /** The amount in the token's smallest unit, as the body's integer string. */
  public String amountInSmallestUnits() {
    return smallestUnits(amount, decimals).toString();
  }

  private static BigInteger smallestUnits(String amount, int decimals) {
    BigInteger units;
    try {
      units = new BigDecimal(amount).movePointRight(decimals).toBigIntegerExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("amount must be a decimal with at most " + decimals + " places (got "
          + amount + ")");
    }
    if (units.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative (got " + amount + ")");
    }
    return units;
  }
}
