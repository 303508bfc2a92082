package io.assetgateway.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/** {@code page} (>= 1, default 1) and {@code page_size} (1..100, default 10) of a list request. */
public record PageRequest(int page, int size) {
  public static final int MAX_SIZE = 100;

  public int offset() {
    return (page - 1) * size;
  }

  /** Reads and validates the query parameters; anything else is 400 invalid_parameter. */
  public static PageRequest of(RoutingContext ctx) {
    return new PageRequest(intParam(ctx, "page", 1, 1, 10_000_000), intParam(ctx, "page_size", 10, 1, MAX_SIZE));
  }

  /**
   * An optional id filter such as {@code account_id}; present values must be 1..36 characters. An empty value is
   * no filter: the Rust SDK sends {@code wallet_id=} for {@code Some("")}, where Python and Go send nothing.
   */
  public static String idFilter(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty() || (values.size() == 1 && values.get(0).isEmpty())) {
      return null;
    }
    String value = values.get(0);
    if (values.size() > 1 || !PathIds.plausible(value)) {
      throw ApiError.INVALID_PARAMETER.with(name + " must be one id of at most 36 characters");
    }
    return value;
  }

  private static int intParam(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return defaultValue;
    }
    String raw = values.get(0);
    int value;
    try {
      value = values.size() > 1 ? -1 : Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < min || value > max) {
      throw ApiError.INVALID_PARAMETER.with(name + " must be a whole number from " + min + " to " + max);
    }
    return value;
  }

  /** The list body {@code {data, total, has_more}}. */
  public <T> JsonObject body(List<T> rows, long total, Function<T, JsonObject> toJson) {
    JsonArray data = new JsonArray();
    rows.forEach(r -> data.add(toJson.apply(r)));
    return new JsonObject().put("data", data).put("total", total).put("has_more", offset() + rows.size() < total);
  }
}
