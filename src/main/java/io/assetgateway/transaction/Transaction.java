package io.assetgateway.transaction;

import io.assetgateway.common.Amounts;
import io.assetgateway.common.Timestamps;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A transaction as stored. The API shows it through {@link #toJson}; the signed bytes and nonce stay inside.
 * {@code sourceTxId} is set on a deposit that one of this server's own transfers made.
 */
public record Transaction(String txId, String clientId, String walletId, String accountId, String assetId,
    String chain, String symbol, Direction direction, String fromAddress, String toAddress, BigDecimal amount,
    String memo, TransactionStatus status, String txHash, long blockNumber, int confirmations,
    int requiredConfirmations, Long nonce, byte[] signedTx, String signedHash, String sourceTxId,
    OffsetDateTime createdAt) {

  /** The published shape: every key always present, strings never null, amounts plain decimal strings. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("tx_id", txId)
        .put("wallet_id", walletId)
        .put("client_id", clientId)
        .put("account_id", accountId)
        .put("chain", chain)
        .put("transaction_type", direction.name())
        .put("direction", direction.name())
        .put("from_address", fromAddress)
        .put("to_address", toAddress)
        .put("token_symbol", symbol)
        .put("amount", Amounts.format(amount))
        .put("status", status.name())
        .put("tx_hash", txHash)
        .put("block_number", blockNumber)
        .put("confirmations", confirmations)
        .put("created_at", Timestamps.format(createdAt));
  }
}
