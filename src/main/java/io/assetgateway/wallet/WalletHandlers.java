package io.assetgateway.wallet;

import io.assetgateway.web.Caller;
import io.assetgateway.web.JsonBodyValidator;
import io.assetgateway.web.PageRequest;
import io.assetgateway.web.PathIds;
import io.assetgateway.web.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** HTTP to {@link WalletService} and back. */
final class WalletHandlers {
  private final WalletService wallets;

  WalletHandlers(WalletService wallets) {
    this.wallets = wallets;
  }

  void create(RoutingContext ctx) {
    JsonObject body = ctx.get(JsonBodyValidator.BODY);
    wallets.create(Caller.clientId(ctx), body.getString("wallet_name"), body.getString("description"))
        .onSuccess(wallet -> Responses.ok(ctx, wallet.toJson()))
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    String id = PathIds.of(ctx, "wallet_id", "Wallet not found");
    if (id != null) {
      Responses.okOrNotFound(ctx, wallets.find(Caller.clientId(ctx), id), Wallet::toJson, "Wallet not found");
    }
  }

  void list(RoutingContext ctx) {
    PageRequest page = PageRequest.of(ctx);
    Responses.page(ctx, page, wallets.list(Caller.clientId(ctx), page), Wallet::toJson);
  }
}
