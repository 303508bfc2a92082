package io.assetgateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The compiled fast path agrees with vertx-json-schema")
class CompiledSchemaTest {
  private static final List<String> PIECES = List.of("a", "Z", "0", "é", "😀", " ", "_", "ETH", "USDT", "ethereum",
      "INBOUND", "inbound", "\u0000");

  @ParameterizedTest(name = "{0}: 20,000 random bodies")
  @ValueSource(strings = {"asset-create", "wallet-create", "account-create"})
  void agreesOnRandomBodies(String name) {
    JsonObject schema = JsonBodyValidator.loadSchema(name);
    JsonBodyValidator validator = JsonBodyValidator.forSchema(name);
    assertNotNull(validator.fastPathAccepts(new JsonObject()), "the request schemas compile");
    JsonObject properties = schema.getJsonObject("properties");
    Random random = new Random(42 + name.hashCode());
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      JsonObject body = new JsonObject();
      for (String field : properties.fieldNames()) {
        maybePut(body, field, properties.getJsonObject(field), random);
      }
      if (random.nextInt(4) == 0) {
        body.put("unknown_" + random.nextInt(3), randomValue(random, null));
      }
      boolean library = validator.libraryAccepts(body);
      assertEquals(library, validator.fastPathAccepts(body), body::encode);
      accepted += library ? 1 : 0;
    }
    assertTrue(accepted > 1000 && accepted < 19_000, "both accepted and rejected bodies were tried: " + accepted);
  }

  private static void maybePut(JsonObject body, String field, JsonObject property, Random random) {
    switch (random.nextInt(6)) {
      case 0 -> { } // absent
      case 1 -> body.put(field, randomValue(random, property));
      default -> body.put(field, plausibleValue(random, property));
    }
  }

  /** A value near what the property allows: an enum member or a near miss, or a string around the length limits. */
  private static Object plausibleValue(Random random, JsonObject property) {
    JsonArray allowed = property.getJsonArray("enum");
    if (allowed != null && random.nextBoolean()) {
      Object v = allowed.getValue(random.nextInt(allowed.size()));
      return v instanceof String s && random.nextInt(5) == 0 ? s.toLowerCase() : v;
    }
    int max = property.getInteger("maxLength", 40);
    int length = switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> max;
      case 2 -> max + 1;
      case 3 -> max - 1;
      default -> random.nextInt(max + 2);
    };
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(random.nextInt(10) == 0 ? "😀" : PIECES.get(random.nextInt(3)));
    }
    return s.toString();
  }

  private static Object randomValue(Random random, JsonObject property) {
    return switch (random.nextInt(8)) {
      case 0 -> null;
      case 1 -> random.nextInt();
      case 2 -> random.nextDouble();
      case 3 -> random.nextBoolean();
      case 4 -> new JsonArray().add("x");
      case 5 -> new JsonObject().put("k", "v");
      case 6 -> PIECES.get(random.nextInt(PIECES.size()));
      default -> property == null ? "x" : plausibleValue(random, property);
    };
  }

  @Test
  @DisplayName("a schema with a keyword it does not evaluate is not compiled: the library validates everything")
  void unknownKeywordsAreLeftToTheLibrary() {
    JsonObject withPattern = new JsonObject().put("type", "object").put("properties",
        new JsonObject().put("id", new JsonObject().put("type", "string").put("pattern", "^a")));
    assertNull(CompiledSchema.compile(withPattern));
    assertNull(CompiledSchema.compile(new JsonObject().put("type", "object").put("additionalProperties", false)));
    assertNull(CompiledSchema.compile(new JsonObject().put("type", "object").put("properties",
        new JsonObject().put("n", new JsonObject().put("type", "integer")))));
    assertNotNull(CompiledSchema.compile(JsonBodyValidator.loadSchema("asset-create")));
  }
}
