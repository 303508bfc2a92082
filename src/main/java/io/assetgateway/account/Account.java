package io.assetgateway.account;

import io.assetgateway.common.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** An account as the API shows it (the published shape does not echo the chain; network stands for it). */
public record Account(String accountId, String walletId, String clientId, String chain, String address, String network,
    String addressType, String label, AccountStatus status, OffsetDateTime createdAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("account_id", accountId)
        .put("wallet_id", walletId)
        .put("client_id", clientId)
        .put("address", address)
        .put("network", network)
        .put("address_type", addressType)
        .put("label", label)
        .put("status", status.name())
        .put("created_at", Timestamps.format(createdAt));
  }
}
