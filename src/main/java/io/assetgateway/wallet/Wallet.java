package io.assetgateway.wallet;

import io.assetgateway.common.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** A wallet as the API shows it. */
public record Wallet(String walletId, String clientId, String walletName, String description, WalletStatus status,
    KeyStatus keyStatus, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  public boolean isActive() {
    return status == WalletStatus.ACTIVE && keyStatus == KeyStatus.ACTIVE;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("wallet_id", walletId)
        .put("client_id", clientId)
        .put("wallet_name", walletName)
        .put("description", description)
        .put("status", status.name())
        .put("key_status", keyStatus.name())
        .put("created_at", Timestamps.format(createdAt))
        .put("updated_at", Timestamps.format(updatedAt));
  }
}
