package io.assetgateway.webhook;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Synthetic transactions, as the ledger will describe its own (the ledger itself is not in this package). */
final class Transactions {
  static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

  private Transactions() {}

  /** An INBOUND USDT deposit of 1,234.5 on ethereum, in the given status. */
  static TransactionEvent deposit(String clientId, String walletId, String accountId, String txId, String status) {
    boolean confirmed = status.equals("CONFIRMED");
    return new TransactionEvent(txId, clientId, walletId, accountId, status, "INBOUND", "ethereum", "mainnet",
        "0x" + "ab".repeat(32), status.equals("PENDING") ? 0 : 19_000_000, "0x1111111111111111111111111111111111111111",
        "0x2222222222222222222222222222222222222222", "USDT", "0xdAC17F958D2ee523a2206206994597C13D831ec7", "1234.5", 6,
        confirmed ? 12 : 3, 12, CREATED, confirmed ? CREATED.plusMinutes(3) : null);
  }

  static TransactionEvent deposit(String clientId, String txId, String status) {
    return deposit(clientId, "wal_synthetic", "acc_synthetic", txId, status);
  }
}
