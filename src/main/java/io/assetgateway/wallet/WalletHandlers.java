package io.assetgateway.wallet;

import io.assetgateway.web.Caller;
import io.assetgateway.web.JsonBodyValidator;
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
    Responses.byId(ctx, "wallet_id", "Wallet", wallets::find, Wallet::toJson);
  }

  void list(RoutingContext ctx) {
    Responses.list(ctx, null, (clientId, filter, page) -> wallets.list(clientId, page), Wallet::toJson);
  }
}
