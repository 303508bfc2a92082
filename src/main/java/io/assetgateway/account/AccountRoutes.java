package io.assetgateway.account;

import io.assetgateway.web.Route;
import java.util.List;

/** The account feature's entries of the route table. */
public final class AccountRoutes {
  private AccountRoutes() {}

  public static List<Route> of(AccountService accounts) {
    AccountHandlers handlers = new AccountHandlers(accounts);
    return List.of(
        Route.post("/api/v1/accounts").bearer().body("account-create").errors(404)
            .doc("createAccount", "Create an account (derive the wallet's next address)", "account")
            .to(handlers::create),
        Route.get("/api/v1/accounts").bearer().page("wallet_id")
            .doc("listAccounts", "List accounts", "account").to(handlers::list),
        Route.get("/api/v1/accounts/{account_id}").bearer()
            .doc("getAccount", "Get an account", "account").to(handlers::get));
  }
}
