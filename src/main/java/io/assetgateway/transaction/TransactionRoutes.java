package io.assetgateway.transaction;

import io.assetgateway.web.Route;
import java.util.List;

/** The transaction feature's entries of the route table (reads; transfers are the transfer feature's). */
public final class TransactionRoutes {
  private TransactionRoutes() {}

  public static List<Route> of(TransactionService transactions) {
    TransactionHandlers handlers = new TransactionHandlers(transactions);
    return List.of(
        Route.get("/api/v1/transactions").bearer().page("wallet_id", "account_id", "chain")
            .doc("listTransactions", "List transactions", "transaction").to(handlers::list),
        Route.get("/api/v1/transactions/{tx_id}").bearer()
            .doc("getTransaction", "Get a transaction", "transaction").to(handlers::get));
  }
}
