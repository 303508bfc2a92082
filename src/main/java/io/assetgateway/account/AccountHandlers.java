package io.assetgateway.account;

import io.assetgateway.web.Caller;
import io.assetgateway.web.JsonBodyValidator;
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
    Responses.byId(ctx, "account_id", "Account", accounts::find, Account::toJson);
  }

  void list(RoutingContext ctx) {
    Responses.list(ctx, "wallet_id", accounts::list, Account::toJson);
  }
}
