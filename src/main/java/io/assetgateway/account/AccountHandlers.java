package io.assetgateway.account;

import io.assetgateway.web.Caller;
import io.assetgateway.web.JsonBodyValidator;
import io.assetgateway.web.PageRequest;
import io.assetgateway.web.PathIds;
import io.assetgateway.web.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** HTTP to {@link AccountService} and back. */
final class AccountHandlers {
  private final AccountService accounts;

  AccountHandlers(AccountService accounts) {
    this.accounts = accounts;
  }

  void create(RoutingContext ctx) {
    JsonObject body = ctx.get(JsonBodyValidator.BODY);
    accounts.create(Caller.clientId(ctx), body.getString("wallet_id"), body.getString("chain"),
            body.getString("account_type"), body.getString("label"))
        .onSuccess(account -> Responses.ok(ctx, account.toJson()))
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    String id = PathIds.of(ctx, "account_id", "Account not found");
    if (id != null) {
      Responses.okOrNotFound(ctx, accounts.find(Caller.clientId(ctx), id), Account::toJson, "Account not found");
    }
  }

  void list(RoutingContext ctx) {
    PageRequest page = PageRequest.of(ctx);
    String walletId = PageRequest.idFilter(ctx, "wallet_id");
    Responses.page(ctx, page, accounts.list(Caller.clientId(ctx), walletId, page), Account::toJson);
  }
}
