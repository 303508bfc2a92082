package io.assetgateway.asset;

import io.assetgateway.web.Caller;
import io.assetgateway.web.JsonBodyValidator;
import io.assetgateway.web.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** HTTP to {@link AssetService} and back; the Add Asset body is already schema-valid. */
final class AssetHandlers {
  private final AssetService assets;

  AssetHandlers(AssetService assets) {
    this.assets = assets;
  }

  void add(RoutingContext ctx) {
    JsonObject body = ctx.get(JsonBodyValidator.BODY);
    // a request answered meanwhile (timed out) or whose client left is not sent to the database
    assets.add(Caller.clientId(ctx), body.getString("account_id"), body.getString("symbol"), body.getString("chain"),
            () -> ctx.response().ended() || ctx.response().closed())
        .onSuccess(asset -> Responses.ok(ctx, asset.toJson()))
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    Responses.byId(ctx, "asset_id", "Asset", assets::find, Asset::toJson);
  }

  void list(RoutingContext ctx) {
    Responses.list(ctx, "account_id", assets::list, Asset::toJson);
  }
}
