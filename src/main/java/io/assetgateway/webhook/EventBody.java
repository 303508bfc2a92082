package io.assetgateway.webhook;

import io.assetgateway.common.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The JSON body of an event: every key API.md lists, plus {@code data}, with the types the official SDKs decode
 * (Rust 1.6 {@code webhook.rs:49-77} is the strictest: {@code risk_score} is an f64 there, so it is {@code 0},
 * not API.md's {@code ""}, and {@code data} is a required string).
 */
final class EventBody {
  private EventBody() {}

  static String of(UUID eventId, String eventType, OffsetDateTime eventTime, TransactionEvent tx) {
    return new JsonObject()
        .put("event_id", eventId.toString())
        .put("event_type", eventType)
        .put("event_time", Timestamps.format(eventTime))
        .put("source_id", tx.txId())
        .put("wallet_id", tx.walletId())
        .put("account_id", tx.accountId())
        .put("status", tx.status())
        .put("transaction_type", tx.transactionType())
        .put("chain", tx.chain())
        .put("network", tx.network())
        .put("txhash", tx.txHash())
        .put("block_number", tx.blockNumber())
        .put("from", tx.from())
        .put("to", tx.to())
        .put("symbol", tx.symbol())
        .put("contract_address", tx.contractAddress())
        .put("amount", tx.amountInSmallestUnits())
        .put("decimals", tx.decimals())
        .put("confirmations", tx.confirmations())
        .put("required_confirmations", tx.requiredConfirmations())
        .put("created_at", Timestamps.format(tx.createdAt()))
        .put("confirmed_at", Timestamps.format(tx.confirmedAt())) // null until confirmed
        .put("risk_checked", false)
        .put("risk_score", 0)
        .put("risk_level", "UNSCANNED")
        .put("data", "")
        .encode();
  }
}
