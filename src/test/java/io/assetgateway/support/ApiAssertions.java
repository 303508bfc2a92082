package io.assetgateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Checks of the documented error body. */
public final class ApiAssertions {
  private ApiAssertions() {}

  /** The reply is exactly the {code, type, message} body with this status, code and type. */
  public static JsonObject assertError(Api.Reply reply, int status, String code, String type) {
    assertEquals(status, reply.status(), () -> "status of " + reply);
    assertTrue(reply.contentType().startsWith("application/json"), () -> "content type of " + reply);
    JsonObject body = reply.json();
    assertEquals(Set.of("code", "type", "message"), body.fieldNames(), () -> "fields of " + reply);
    assertEquals(code, body.getString("code"), () -> "code of " + reply);
    assertEquals(type, body.getString("type"), () -> "type of " + reply);
    String message = body.getString("message");
    assertFalse(message == null || message.isBlank(), "message is present");
    assertFalse(message.contains("Exception") || message.contains("\tat ") || message.contains("SELECT"),
        () -> "message leaks internals: " + message);
    Contract.assertConforms("error", body); // every error any test sees is held to the published contract
    return body;
  }
}
