package io.assetgateway.asset;

import io.assetgateway.auth.BearerAuthHandler;
import io.assetgateway.common.Ids;
import io.assetgateway.http.ApiError;
import io.assetgateway.http.JsonBodyValidator;
import io.assetgateway.http.Responses;
import io.assetgateway.metrics.GatewayMetrics;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/assets}. The body is already schema-valid; errors come in the published order:
 * unknown chain name, then 404, account_not_active, the chain rules, asset_already_exists.
 */
public final class AddAssetHandler implements Handler<RoutingContext> {
  private final AssetRegistry registry;
  private final AssetWriter writer;
  private final GatewayMetrics metrics;

  public AddAssetHandler(AssetRegistry registry, AssetWriter writer, GatewayMetrics metrics) {
    this.registry = registry;
    this.writer = writer;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body = ctx.get(JsonBodyValidator.BODY);
    String clientId = ctx.get(BearerAuthHandler.CLIENT_ID);
    String accountId = body.getString("account_id");
    String symbol = body.getString("symbol");
    String requestedChain = body.getString("chain");
    if (requestedChain != null && requestedChain.isEmpty()) {
      requestedChain = null; // SDKs that cannot omit a field send "" or null for "no chain"
    }
    if (requestedChain != null && registry.chain(requestedChain).isEmpty()) {
      ctx.fail(ApiError.INVALID_PARAMETER.with("chain must be one of " + String.join(", ", registry.chains().keySet())));
      return;
    }
    String chain = requestedChain;
    writer.add(new AddRequest(Ids.asset(), clientId, accountId, symbol, chain))
        .onSuccess(outcome -> {
          if (!outcome.accountFound()) {
            ctx.fail(ApiError.NOT_FOUND.with("Account not found"));
            return;
          }
          if (!"ACTIVE".equals(outcome.accountStatus())) {
            ctx.fail(ApiError.ACCOUNT_NOT_ACTIVE.with("Account is not active"));
            return;
          }
          AssetRegistry.Resolution resolution = registry.resolve(outcome.accountChain(), symbol, chain);
          if (resolution.entry() == null) {
            ctx.fail(ApiError.INVALID_PARAMETER.with(resolution.refusal()));
            return;
          }
          RegistryEntry entry = resolution.entry();
          if (outcome.assetId() == null) {
            ctx.fail(ApiError.ASSET_ALREADY_EXISTS.with(
                "Asset " + symbol + " on " + entry.chain() + " is already added to this account"));
            return;
          }
          metrics.assetCreated(entry.chain(), symbol);
          Responses.ok(ctx, Asset.added(outcome.assetId(), accountId, outcome.walletId(), clientId, entry,
              outcome.createdAt()).toJson());
        })
        .onFailure(ctx::fail);
  }
}
