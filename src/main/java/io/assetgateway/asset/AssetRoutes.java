package io.assetgateway.asset;

import io.assetgateway.web.Route;
import java.util.List;

/** The asset feature's entries of the route table. */
public final class AssetRoutes {
  private AssetRoutes() {}

  public static List<Route> of(AssetService assets) {
    AssetHandlers handlers = new AssetHandlers(assets);
    return List.of(
        Route.post("/api/v1/assets").bearer().body("asset-create").errors(404)
            .doc("createAsset", "Add an asset to an account", "asset").to(handlers::add),
        Route.get("/api/v1/assets").bearer().page("account_id")
            .doc("listAssets", "List assets", "asset").to(handlers::list),
        Route.get("/api/v1/assets/{asset_id}").bearer()
            .doc("getAsset", "Get an asset", "asset").to(handlers::get));
  }
}
