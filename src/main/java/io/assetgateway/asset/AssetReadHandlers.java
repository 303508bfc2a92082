package io.assetgateway.asset;

import io.assetgateway.auth.BearerAuthHandler;
import io.assetgateway.http.ApiError;
import io.assetgateway.http.PageRequest;
import io.assetgateway.http.Responses;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/assets/{id}} and {@code GET /api/v1/assets?account_id=}. */
public final class AssetReadHandlers {
  private final AssetStorage assets;

  public AssetReadHandlers(AssetStorage assets) {
    this.assets = assets;
  }

  public void get(RoutingContext ctx) {
    assets.find(ctx.get(BearerAuthHandler.CLIENT_ID), ctx.pathParam("asset_id"))
        .onSuccess(found -> found.ifPresentOrElse(a -> Responses.ok(ctx, a.toJson()),
            () -> ctx.fail(ApiError.NOT_FOUND.with("Asset not found"))))
        .onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    PageRequest page = PageRequest.of(ctx);
    String accountId = PageRequest.idFilter(ctx, "account_id");
    assets.list(ctx.get(BearerAuthHandler.CLIENT_ID), accountId, page)
        .onSuccess(p -> Responses.ok(ctx, page.body(p.rows(), p.total(), Asset::toJson)))
        .onFailure(ctx::fail);
  }
}
