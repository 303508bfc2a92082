package io.assetgateway.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Route handler that parses the body and validates it against a JSON Schema from {@code schemas/} before the
 * business handler runs: not JSON or not an object is 400 bad_request; a schema violation is 400
 * invalid_parameter naming the field. The parsed object is left in the context under {@link #BODY}.
 */
public final class JsonBodyValidator implements Handler<RoutingContext> {
  public static final String BODY = "validatedBody";
  private static final String BASE_URI = "https://asset-gateway.local/schemas/";

  private final JsonObject schema;
  private final Validator validator;
  private final CompiledSchema fastPath;

  private JsonBodyValidator(JsonObject schema) {
    this.schema = schema;
    this.fastPath = CompiledSchema.compile(schema);
    this.validator = Validator.create(JsonSchema.of(schema),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(BASE_URI).setOutputFormat(OutputFormat.Basic));
  }

  /** Loads {@code schemas/<name>.json} from the classpath (the build copies the top-level schemas/ there). */
  public static JsonBodyValidator forSchema(String name) {
    return new JsonBodyValidator(loadSchema(name));
  }

  public static JsonObject loadSchema(String name) {
    String resource = "schemas/" + name + ".json";
    try (InputStream in = JsonBodyValidator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema " + resource);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema " + resource, e);
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      ctx.fail(ApiError.BAD_REQUEST.with("Request body must be a JSON object"));
      return;
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(raw);
    } catch (DecodeException e) {
      ctx.fail(ApiError.BAD_REQUEST.with("Request body is not valid JSON"));
      return;
    }
    if (!(parsed instanceof JsonObject body)) {
      ctx.fail(ApiError.BAD_REQUEST.with("Request body must be a JSON object"));
      return;
    }
    String nul = fieldWithNul(body);
    if (nul != null) {
      ctx.fail(ApiError.INVALID_PARAMETER.with(nul + " must not contain NUL characters"));
      return;
    }
    if (fastPath != null && fastPath.accepts(body)) {
      ctx.put(BODY, body);
      ctx.next();
      return;
    }
    OutputUnit result = validator.validate(body);
    if (!Boolean.TRUE.equals(result.getValid())) {
      ctx.fail(ApiError.INVALID_PARAMETER.with(describe(result, body)));
      return;
    }
    ctx.put(BODY, body);
    ctx.next();
  }

  /** A top-level field whose string value holds U+0000, which PostgreSQL text cannot store; else null. */
  private static String fieldWithNul(JsonObject body) {
    for (java.util.Map.Entry<String, Object> e : body) {
      if (e.getValue() instanceof String s && s.indexOf('\u0000') >= 0) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Whether the library accepts the body (tests compare it with the compiled fast path). */
  boolean libraryAccepts(JsonObject body) {
    return Boolean.TRUE.equals(validator.validate(body).getValid());
  }

  /** Whether the compiled fast path accepts the body, or null when the schema was not compiled. */
  Boolean fastPathAccepts(JsonObject body) {
    return fastPath == null ? null : fastPath.accepts(body);
  }

  /** A message naming the first offending field, in the schema's property order. */
  String describe(OutputUnit result, JsonObject body) {
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    for (Object field : required) {
      if (!body.containsKey((String) field)) {
        return field + " is required";
      }
    }
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String field : properties.fieldNames()) {
      for (OutputUnit error : errors) {
        if (field.equals(fieldOf(error.getInstanceLocation()))) {
          return explain(field, properties.getJsonObject(field), body.getValue(field));
        }
      }
    }
    return "Request body does not match the schema";
  }

  private static String fieldOf(String instanceLocation) {
    if (instanceLocation == null) {
      return "";
    }
    String path = instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
    path = path.startsWith("/") ? path.substring(1) : path;
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  /** Says what the field must be, from its schema, rather than echoing the validator's wording. */
  private static String explain(String field, JsonObject property, Object value) {
    Object type = property.getValue("type");
    boolean wantsString = "string".equals(type) || (type instanceof JsonArray types && types.contains("string"));
    if (wantsString && !(value instanceof String) && value != null) {
      return field + " must be a string";
    }
    if (wantsString && value == null && !(type instanceof JsonArray types && types.contains("null"))) {
      return field + " must be a string";
    }
    if (property.containsKey("enum")) {
      return field + " must be one of " + property.getJsonArray("enum").stream().filter(java.util.Objects::nonNull)
          .map(Object::toString).collect(Collectors.joining(", "));
    }
    if (value instanceof String s) {
      Integer min = property.getInteger("minLength");
      Integer max = property.getInteger("maxLength");
      if (min != null && s.codePointCount(0, s.length()) < min) {
        return min == 1 ? field + " must not be empty" : field + " must be at least " + min + " characters";
      }
      if (max != null && s.codePointCount(0, s.length()) > max) {
        return field + " must be at most " + max + " characters";
      }
    }
    return field + " is invalid";
  }
}
