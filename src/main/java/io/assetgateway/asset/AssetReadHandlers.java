package io.assetgateway.asset;

import io.assetgateway.auth.BearerAuthHandler;
import io.assetgateway.http.PageRequest;
import io.assetgateway.http.PathIds;
import io.assetgateway.http.Responses;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/assets/{id}} and {@code GET /api/v1/assets?account_id=}. */
public final class AssetReadHandlers {
  private final AssetStorage assets;

  public AssetReadHandlers(AssetStorage assets) {
    this.assets = assets;
  }

  public void get(RoutingContext ctx) {
    String id = PathIds.of(ctx, "asset_id", "Asset not found");
    if (id == null) {
      return;
    }
    Responses.okOrNotFound(ctx, assets.find(ctx.get(BearerAuthHandler.CLIENT_ID), id),
        Asset::toJson, "Asset not found");
  }

  public void list(RoutingContext ctx) {
    PageRequest page = PageRequest.of(ctx);
    String accountId = PageRequest.idFilter(ctx, "account_id");
    Responses.page(ctx, page, assets.list(ctx.get(BearerAuthHandler.CLIENT_ID), accountId, page), Asset::toJson);
  }
}
