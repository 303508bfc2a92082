package io.assetgateway.wallet;

import io.assetgateway.auth.BearerAuthHandler;
import io.assetgateway.common.Ids;
import io.assetgateway.http.ApiError;
import io.assetgateway.http.JsonBodyValidator;
import io.assetgateway.http.PageRequest;
import io.assetgateway.http.PathIds;
import io.assetgateway.http.Responses;
import io.assetgateway.keys.KeyGenerationVerticle;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/wallets}, {@code GET /api/v1/wallets/{id}}, {@code GET /api/v1/wallets}. */
public final class WalletHandlers {
  private final WalletStorage wallets;
  private final EventBus eventBus;

  public WalletHandlers(WalletStorage wallets, EventBus eventBus) {
    this.wallets = wallets;
    this.eventBus = eventBus;
  }

  /** Creates a PROGRESSING wallet under max_wallets and asks the key-generation verticle to finish it. */
  public void create(RoutingContext ctx) {
    JsonObject body = ctx.get(JsonBodyValidator.BODY);
    String description = body.getString("description");
    wallets.create(ctx.get(BearerAuthHandler.CLIENT_ID), Ids.wallet(), body.getString("wallet_name"),
            description == null ? "" : description)
        .onSuccess(created -> {
          if (created.isEmpty()) {
            ctx.fail(ApiError.WALLET_LIMIT_REACHED.with("Client already has its maximum number of wallets"));
            return;
          }
          eventBus.send(KeyGenerationVerticle.ADDRESS, created.get().walletId());
          Responses.ok(ctx, created.get().toJson());
        })
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    String id = PathIds.of(ctx, "wallet_id", "Wallet not found");
    if (id == null) {
      return;
    }
    Responses.okOrNotFound(ctx, wallets.find(ctx.get(BearerAuthHandler.CLIENT_ID), id),
        Wallet::toJson, "Wallet not found");
  }

  public void list(RoutingContext ctx) {
    PageRequest page = PageRequest.of(ctx);
    Responses.page(ctx, page, wallets.list(ctx.get(BearerAuthHandler.CLIENT_ID), page), Wallet::toJson);
  }
}
