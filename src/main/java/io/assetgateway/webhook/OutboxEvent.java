package io.assetgateway.webhook;

import io.assetgateway.common.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** One outbox row as the operator lists it (the body stays in the database). */
public record OutboxEvent(String eventId, String clientId, String sourceId, String eventType, DeliveryStatus status,
    int attempts, OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime createdAt,
    OffsetDateTime deliveredAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("event_id", eventId)
        .put("client_id", clientId)
        .put("source_id", sourceId)
        .put("event_type", eventType)
        .put("status", status.value())
        .put("attempts", attempts)
        .put("next_attempt_at", status == DeliveryStatus.PENDING ? Timestamps.format(nextAttemptAt) : null)
        .put("last_error", lastError)
        .put("created_at", Timestamps.format(createdAt))
        .put("delivered_at", Timestamps.format(deliveredAt));
  }
}
