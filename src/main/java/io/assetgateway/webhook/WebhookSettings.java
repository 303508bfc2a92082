package io.assetgateway.webhook;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** A client's webhook as the operator sees it; the secret only when it was just generated (shown once). */
public record WebhookSettings(String clientId, String url, boolean enabled, Optional<String> newSecret) {

  /** The CLI's line: {@code client_id, webhook_url, enabled}, and {@code webhook_secret} when new. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("client_id", clientId).put("webhook_url", url);
    newSecret.ifPresent(secret -> json.put("webhook_secret", secret));
    return json.put("enabled", enabled);
  }
}
