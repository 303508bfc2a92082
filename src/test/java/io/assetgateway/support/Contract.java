package io.assetgateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.web.JsonBodyValidator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The response contract: the exact schemas in {@code schemas/} (the ones /openapi.json serves), and the rules the
 * strictest official SDK (Rust 1.6, serde) applies that a schema cannot say on its own.
 */
public final class Contract {
  private static final Map<String, Validator> VALIDATORS = new ConcurrentHashMap<>();

  private Contract() {}

  /** The body is one object of {@code schemas/NAME.json}, with no null anywhere. */
  public static JsonObject assertConforms(String schemaName, Api.Reply reply) {
    assertTrue(reply.contentType().startsWith("application/json"), () -> "content type of " + reply);
    JsonObject body = reply.json();
    assertConforms(schemaName, body);
    return body;
  }

  public static void assertConforms(String schemaName, JsonObject body) {
    OutputUnit result = validator(schemaName).validate(body);
    assertTrue(result.getValid(), () -> "schemas/" + schemaName + ".json rejects " + body.encode() + ": "
        + result.toJson().encode());
    assertNoNull(body, schemaName);
  }

  /** The body is a list page {data: [NAME...], total, has_more}, exactly those keys, data never null. */
  public static JsonObject assertPage(String itemSchema, Api.Reply reply) {
    assertEquals(200, reply.status(), () -> "status of " + reply);
    JsonObject body = reply.json();
    assertEquals(Set.of("data", "total", "has_more"), body.fieldNames(), () -> "page keys of " + reply);
    assertTrue(body.getValue("data") instanceof JsonArray, () -> "data is an array (never null): " + reply);
    assertTrue(body.getValue("total") instanceof Number n && !(n instanceof Double || n instanceof Float)
        && n.longValue() >= 0, () -> "total is a whole number (i64): " + reply);
    assertTrue(body.getValue("has_more") instanceof Boolean, () -> "has_more is a boolean: " + reply);
    body.getJsonArray("data").forEach(item -> {
      assertTrue(item instanceof JsonObject, "list items are objects");
      assertConforms(itemSchema, (JsonObject) item);
    });
    return body;
  }

  /** Rust's serde fails on a null where it declares String, i32, i64 or bool: no response carries one. */
  public static void assertNoNull(Object json, String where) {
    assertNotNull(json, () -> "null in " + where);
    if (json instanceof JsonObject o) {
      o.forEach(e -> assertNoNull(e.getValue(), where + "." + e.getKey()));
    } else if (json instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        assertNoNull(a.getValue(i), where + "[" + i + "]");
      }
    } else {
      assertFalse(json instanceof Double || json instanceof Float, () -> "a float in " + where + ": " + json);
    }
  }

  private static Validator validator(String schemaName) {
    return VALIDATORS.computeIfAbsent(schemaName, name -> Validator.create(
        JsonSchema.of(JsonBodyValidator.loadSchema(name)), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
            .setBaseUri("https://asset-gateway.local/").setOutputFormat(OutputFormat.Basic)));
  }
}
