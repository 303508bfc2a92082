package io.assetgateway.web;

import io.vertx.ext.web.RoutingContext;

/** Resource ids from the path: anything that cannot be an id (over 36 characters, control characters) is not found. */
public final class PathIds {
  private PathIds() {}

  /** Whether the value could be an id: 1..36 characters, none of them a control character. */
  public static boolean plausible(String value) {
    if (value == null || value.isEmpty() || value.length() > 36) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The path parameter, or null after failing the request with 404 when it cannot be an id. */
  public static String of(RoutingContext ctx, String name, String notFoundMessage) {
    String id = ctx.pathParam(name);
    if (!plausible(id)) {
      ctx.fail(ApiError.NOT_FOUND.with(notFoundMessage));
      return null;
    }
    return id;
  }
}
