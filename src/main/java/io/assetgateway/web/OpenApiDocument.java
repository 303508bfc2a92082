package io.assetgateway.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI 3.1 document, served at {@code /openapi.json}, built from the route table: one operation per
 * {@link Route}. Request and response bodies are the files in {@code schemas/} (the same the router validates
 * requests against), placed under components/schemas.
 */
public final class OpenApiDocument {
  private OpenApiDocument() {}

  /** The document of exactly these routes. */
  public static JsonObject build(List<Route> routes) {
    Set<String> schemaNames = new TreeSet<>(List.of("error"));
    JsonObject paths = new JsonObject();
    for (Route route : routes) {
      Route.Operation doc = route.operation();
      if (route.requestSchema() != null) {
        schemaNames.add(route.requestSchema());
      }
      if (doc.shape() != Route.Shape.INLINE) {
        schemaNames.add(doc.responseSchema());
      }
      path(paths, route.path()).put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
    }
    JsonObject schemas = new JsonObject();
    for (String name : schemaNames) {
      JsonObject schema = JsonBodyValidator.loadSchema(name).copy();
      schema.remove("$schema");
      schema.remove("$id");
      schemas.put(componentName(name), schema);
    }
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", "asset-gateway").put("version", "0.1.0")
            .put("description", "Custody wallet API (Paratro-compatible)"))
        .put("security", new JsonArray().add(new JsonObject().put("bearer", new JsonArray())))
        .put("paths", paths)
        .put("components", new JsonObject().put("schemas", schemas).put("securitySchemes", new JsonObject()
            .put("bearer", new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"))
            .put("apiKey", new JsonObject().put("type", "apiKey").put("in", "header").put("name", "X-API-Key"))
            .put("apiSecret", new JsonObject().put("type", "apiKey").put("in", "header").put("name", "X-API-Secret"))));
  }

  private static JsonObject operation(Route route) {
    Route.Operation doc = route.operation();
    JsonObject responses = new JsonObject().put("200", content(doc.contentType(), successSchema(doc)));
    for (int status : errorStatuses(route)) {
      responses.put(Integer.toString(status), content("application/json", ref("Error")).put("description",
          "Error (" + status + ")"));
    }
    JsonObject operation = new JsonObject().put("operationId", doc.id()).put("summary", doc.summary())
        .put("responses", responses);
    JsonArray parameters = new JsonArray();
    for (String name : route.pathParameters()) {
      parameters.add(new JsonObject().put("name", name).put("in", "path").put("required", true)
          .put("schema", new JsonObject().put("type", "string").put("maxLength", 36)));
    }
    if (doc.shape() == Route.Shape.PAGE) {
      parameters.add(query("page", new JsonObject().put("type", "integer").put("minimum", 1).put("default", 1)))
          .add(query("page_size", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 100)
              .put("default", 10)));
      doc.queryFilters().forEach(filter -> parameters.add(query(filter,
          new JsonObject().put("type", "string").put("maxLength", 36))));
    }
    if (route.idempotent()) {
      parameters.add(new JsonObject().put("name", Route.IDEMPOTENCY_KEY).put("in", "header").put("required", false)
          .put("description", "Makes a retry take effect once: the first answer is stored and replayed for 24 h"
              + " (by default) to the same key with the same body")
          .put("schema", new JsonObject().put("type", "string").put("minLength", 1).put("maxLength", 255)));
    }
    if (!parameters.isEmpty()) {
      operation.put("parameters", parameters);
    }
    if (route.requestSchema() != null) {
      operation.put("requestBody", new JsonObject().put("required", true).put("content", new JsonObject()
          .put("application/json", new JsonObject().put("schema", ref(componentName(route.requestSchema()))))));
    }
    switch (route.access()) {
      case NONE -> operation.put("security", new JsonArray());
      case API_KEY -> operation.put("security", new JsonArray().add(new JsonObject()
          .put("apiKey", new JsonArray()).put("apiSecret", new JsonArray())));
      case BEARER -> { } // the document's default
    }
    return operation;
  }

  private static JsonObject successSchema(Route.Operation doc) {
    return switch (doc.shape()) {
      case ONE -> ref(componentName(doc.responseSchema()));
      case PAGE -> new JsonObject().put("type", "object")
          .put("required", new JsonArray().add("data").add("total").add("has_more"))
          .put("properties", new JsonObject()
              .put("data", new JsonObject().put("type", "array").put("items", ref(componentName(doc.responseSchema()))))
              .put("total", new JsonObject().put("type", "integer"))
              .put("has_more", new JsonObject().put("type", "boolean")));
      case INLINE -> "application/json".equals(doc.contentType())
          ? new JsonObject().put("type", "object") : new JsonObject().put("type", "string");
    };
  }

  /** What the route's access, body, path and shape imply, plus its own extras. */
  private static Set<Integer> errorStatuses(Route route) {
    Set<Integer> statuses = new TreeSet<>(route.operation().errors());
    if (route.access() != Route.Access.NONE) {
      statuses.addAll(List.of(401, 403, 429, 503));
    }
    if (route.requestSchema() != null) {
      statuses.addAll(List.of(400, 413));
    }
    if (route.idempotent()) {
      statuses.addAll(List.of(400, 409, 422));
    }
    if (!route.pathParameters().isEmpty()) {
      statuses.add(400); // the id missing: "/api/v1/wallets/"
      statuses.add(404);
    }
    if (route.operation().shape() == Route.Shape.PAGE) {
      statuses.add(400);
    }
    return statuses;
  }

  /** Component name of a schema file: asset-create becomes AssetCreate. */
  public static String componentName(String file) {
    StringBuilder out = new StringBuilder();
    for (String part : file.split("-")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }

  private static JsonObject query(String name, JsonObject schema) {
    return new JsonObject().put("name", name).put("in", "query").put("required", false).put("schema", schema);
  }

  private static JsonObject path(JsonObject paths, String path) {
    if (!paths.containsKey(path)) {
      paths.put(path, new JsonObject());
    }
    return paths.getJsonObject(path);
  }

  private static JsonObject ref(String component) {
    return new JsonObject().put("$ref", "#/components/schemas/" + component);
  }

  private static JsonObject content(String type, JsonObject schema) {
    return new JsonObject().put("description", "OK")
        .put("content", new JsonObject().put(type, new JsonObject().put("schema", schema)));
  }
}
