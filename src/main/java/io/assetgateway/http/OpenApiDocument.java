package io.assetgateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The OpenAPI 3.1 document of every route, served at {@code /openapi.json}. Request and response bodies are the
 * files in {@code schemas/} (the same the router validates requests against), placed under components/schemas.
 */
public final class OpenApiDocument {
  private static final List<String> SCHEMAS = List.of("asset-create", "wallet-create", "account-create", "asset",
      "wallet", "account", "token", "error", "health");

  private OpenApiDocument() {}

  /** Builds the document; {@code metricsPath} is null when metrics are off. */
  public static JsonObject build(String metricsPath) {
    JsonObject schemas = new JsonObject();
    for (String name : SCHEMAS) {
      JsonObject schema = JsonBodyValidator.loadSchema(name).copy();
      schema.remove("$schema");
      schema.remove("$id");
      schemas.put(componentName(name), schema);
    }
    JsonObject paths = new JsonObject();
    op(paths, "post", "/api/v1/auth/token", "Issue a token from an API key and secret", null, "Token", false,
        List.of(401, 403, 429)).put("security", new JsonArray().add(new JsonObject()
            .put("apiKey", new JsonArray()).put("apiSecret", new JsonArray())));
    op(paths, "post", "/api/v1/assets", "Add an asset to an account", "AssetCreate", "Asset", false,
        List.of(400, 401, 403, 404, 413, 429, 503));
    list(op(paths, "get", "/api/v1/assets", "List assets", null, "Asset", true, List.of(400, 401, 403, 429, 503)),
        "account_id");
    op(paths, "get", "/api/v1/assets/{asset_id}", "Get an asset", null, "Asset", false, List.of(401, 403, 404, 429, 503));
    op(paths, "post", "/api/v1/wallets", "Create a wallet", "WalletCreate", "Wallet", false,
        List.of(400, 401, 403, 413, 429, 503));
    list(op(paths, "get", "/api/v1/wallets", "List wallets", null, "Wallet", true, List.of(400, 401, 403, 429, 503)), null);
    op(paths, "get", "/api/v1/wallets/{wallet_id}", "Get a wallet", null, "Wallet", false, List.of(401, 403, 404, 429, 503));
    op(paths, "post", "/api/v1/accounts", "Create an account (derive the wallet's next address)", "AccountCreate",
        "Account", false, List.of(400, 401, 403, 404, 413, 429, 503));
    list(op(paths, "get", "/api/v1/accounts", "List accounts", null, "Account", true, List.of(400, 401, 403, 429, 503)),
        "wallet_id");
    op(paths, "get", "/api/v1/accounts/{account_id}", "Get an account", null, "Account", false,
        List.of(401, 403, 404, 429, 503));
    open(op(paths, "get", "/health", "Database reachable", null, "Health", false, List.of(503)));
    open(probe(paths, "/live", "The process serves requests"));
    open(probe(paths, "/ready", "Database reachable, schema migrated, registry loaded"));
    open(paths.getJsonObject("/health").getJsonObject("get"));
    JsonObject spec = new JsonObject().put("type", "object");
    open(path(paths, "/openapi.json").put("get", new JsonObject().put("summary", "This document")
        .put("responses", new JsonObject().put("200", content("application/json", spec)))).getJsonObject("get"));
    if (metricsPath != null) {
      open(path(paths, metricsPath).put("get", new JsonObject().put("summary", "Prometheus metrics")
          .put("responses", new JsonObject().put("200", content("text/plain", new JsonObject().put("type", "string")))))
          .getJsonObject("get"));
    }
    // every operation gets an id (method and path), as tools that key operations by id expect
    paths.forEach(path -> ((JsonObject) path.getValue()).forEach(op -> ((JsonObject) op.getValue()).put("operationId",
        op.getKey() + path.getKey().replaceAll("[^A-Za-z0-9]+", "_"))));
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

  /** Component name of a schema file: asset-create becomes AssetCreate. */
  public static String componentName(String file) {
    StringBuilder out = new StringBuilder();
    for (String part : file.split("-")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }

  private static JsonObject op(JsonObject paths, String method, String path, String summary, String request,
      String response, boolean page, List<Integer> errors) {
    JsonObject body = ref(response);
    if (page) {
      body = new JsonObject().put("type", "object").put("required", new JsonArray().add("data").add("total").add("has_more"))
          .put("properties", new JsonObject().put("data", new JsonObject().put("type", "array").put("items", ref(response)))
              .put("total", new JsonObject().put("type", "integer")).put("has_more", new JsonObject().put("type", "boolean")));
    }
    JsonObject responses = new JsonObject().put("200", content("application/json", body));
    for (int status : errors) {
      responses.put(Integer.toString(status), content("application/json", ref("Error")).put("description",
          "Error (" + status + ")"));
    }
    JsonObject operation = new JsonObject().put("summary", summary).put("responses", responses);
    JsonArray parameters = new JsonArray();
    for (String segment : path.split("/")) {
      if (segment.startsWith("{")) {
        parameters.add(new JsonObject().put("name", segment.substring(1, segment.length() - 1)).put("in", "path")
            .put("required", true).put("schema", new JsonObject().put("type", "string").put("maxLength", 36)));
      }
    }
    if (!parameters.isEmpty()) {
      operation.put("parameters", parameters);
    }
    if (request != null) {
      operation.put("requestBody", new JsonObject().put("required", true)
          .put("content", new JsonObject().put("application/json", new JsonObject().put("schema", ref(request)))));
    }
    path(paths, path).put(method, operation);
    return operation;
  }

  private static void list(JsonObject operation, String filter) {
    JsonArray parameters = operation.getJsonArray("parameters", new JsonArray())
        .add(query("page", new JsonObject().put("type", "integer").put("minimum", 1).put("default", 1)))
        .add(query("page_size", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 100)
            .put("default", 10)));
    if (filter != null) {
      parameters.add(query(filter, new JsonObject().put("type", "string").put("maxLength", 36)));
    }
    operation.put("parameters", parameters);
  }

  private static JsonObject probe(JsonObject paths, String path, String summary) {
    JsonObject checks = new JsonObject().put("type", "object").put("required", new JsonArray().add("status"))
        .put("properties", new JsonObject().put("status", new JsonObject().put("type", "string"))
            .put("checks", new JsonObject().put("type", "array")));
    JsonObject operation = new JsonObject().put("summary", summary).put("responses", new JsonObject()
        .put("200", content("application/json", checks)).put("503", content("application/json", checks)));
    path(paths, path).put("get", operation);
    return operation;
  }

  /** No authentication on this operation. */
  private static void open(JsonObject operation) {
    operation.put("security", new JsonArray());
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
