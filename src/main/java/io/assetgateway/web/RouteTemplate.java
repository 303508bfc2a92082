package io.assetgateway.web;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * First handler of every route: remembers the route's template ({@code /api/v1/assets/:asset_id}) for the access
 * log, also when a later failure handler answers. A platform handler, so body handlers may still follow it.
 */
public final class RouteTemplate implements PlatformHandler {
  static final String KEY = "routeTemplate";
  private final String template;

  public RouteTemplate(String template) {
    this.template = template;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(KEY, template);
    ctx.next();
  }
}
