package io.assetgateway.client;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** A client (organisation) as the API shows it. */
public record Client(String clientId, String clientName, ClientStatus status, String subscriptionTier, int maxWallets,
    List<String> allowedIps) {

  public boolean isActive() {
    return status == ClientStatus.ACTIVE;
  }

  /** The {@code client} object of the token response. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("client_id", clientId)
        .put("client_name", clientName)
        .put("status", status.name())
        .put("subscription_tier", subscriptionTier)
        .put("max_wallets", maxWallets);
  }
}
