package io.assetgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration: webhooks")
class WebhookSettingsTest {
  static GatewayConfig.Webhooks of(JsonObject file, Map<String, String> env) {
    return GatewayConfig.fromSources(file, env).webhooks();
  }

  @Test
  @DisplayName("defaults: delivery on, public destinations only, 10 s timeout, 10 s to 1 h backoff, 24 h, 4 in flight")
  void defaults() {
    assertEquals(new GatewayConfig.Webhooks(true, false, 10_000, 10_000, 3_600_000, 24, 4, 500),
        of(new JsonObject(), Map.of()));
  }

  @Test
  @DisplayName("the environment and the webhooks section of a config file set every knob")
  void knobs() {
    assertEquals(new GatewayConfig.Webhooks(false, true, 2000, 100, 5000, 48, 8, 50), of(new JsonObject(), Map.of(
        "WEBHOOK_DELIVERY_ENABLED", "false", "WEBHOOK_ALLOW_PRIVATE", "true", "WEBHOOK_TIMEOUT_MILLIS", "2000",
        "WEBHOOK_RETRY_BASE_MILLIS", "100", "WEBHOOK_RETRY_MAX_MILLIS", "5000", "WEBHOOK_GIVE_UP_HOURS", "48",
        "WEBHOOK_MAX_IN_FLIGHT_PER_CLIENT", "8", "WEBHOOK_POLL_MILLIS", "50")));
    JsonObject file = new JsonObject().put("webhooks", new JsonObject().put("allowPrivate", true).put("giveUpHours", 2));
    assertEquals(true, of(file, Map.of()).allowPrivate());
    assertEquals(2, of(file, Map.of()).giveUpHours());
    assertEquals(false, of(file, Map.of("WEBHOOK_ALLOW_PRIVATE", "false")).allowPrivate(), "the environment wins");
    assertTrue(GatewayConfig.fromSources(new JsonObject(), Map.of()).describe().getJsonObject("webhooks")
        .containsKey("allowPrivate"), "logged at start");
  }

  @Test
  @DisplayName("a bad setting names itself")
  void badSettings() {
    for (Map.Entry<String, String> bad : Map.of("WEBHOOK_ALLOW_PRIVATE", "yes", "WEBHOOK_DELIVERY_ENABLED", "1",
        "WEBHOOK_TIMEOUT_MILLIS", "0", "WEBHOOK_GIVE_UP_HOURS", "0", "WEBHOOK_MAX_IN_FLIGHT_PER_CLIENT", "0",
        "WEBHOOK_POLL_MILLIS", "soon", "WEBHOOK_RETRY_BASE_MILLIS", "-5").entrySet()) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> of(new JsonObject(), Map.of(bad.getKey(), bad.getValue())), bad::toString);
      assertTrue(e.getMessage().startsWith(bad.getKey()), e.getMessage());
    }
    ConfigException order = assertThrows(ConfigException.class, () -> of(new JsonObject(),
        Map.of("WEBHOOK_RETRY_BASE_MILLIS", "5000", "WEBHOOK_RETRY_MAX_MILLIS", "1000")));
    assertTrue(order.getMessage().startsWith("WEBHOOK_RETRY_MAX_MILLIS"), order.getMessage());
  }
}
