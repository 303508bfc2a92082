package io.assetgateway.webhook;

import java.util.Locale;

/** Where an outbox event stands: waiting for (another) attempt, acknowledged with a 2xx, or given up. */
public enum DeliveryStatus {
  PENDING, DELIVERED, FAILED;

  /** The stored and printed form: lowercase. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code pending}, {@code delivered} or {@code failed} (any case); IllegalArgumentException otherwise. */
  public static DeliveryStatus parse(String text) {
    return DeliveryStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
