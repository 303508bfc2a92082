package io.assetgateway.transaction;

import io.assetgateway.web.Caller;
import io.assetgateway.web.PageRequest;
import io.assetgateway.web.PathIds;
import io.assetgateway.web.Responses;
import io.vertx.ext.web.RoutingContext;

/** HTTP to {@link TransactionService} and back. */
final class TransactionHandlers {
  private final TransactionService transactions;

  TransactionHandlers(TransactionService transactions) {
    this.transactions = transactions;
  }

  void get(RoutingContext ctx) {
    String id = PathIds.of(ctx, "tx_id", "Transaction not found");
    if (id != null) {
      Responses.okOrNotFound(ctx, transactions.find(Caller.clientId(ctx), id), Transaction::toJson,
          "Transaction not found");
    }
  }

  void list(RoutingContext ctx) {
    PageRequest page = PageRequest.of(ctx);
    String walletId = PageRequest.idFilter(ctx, "wallet_id");
    String accountId = PageRequest.idFilter(ctx, "account_id");
    String chain = PageRequest.idFilter(ctx, "chain");
    Responses.page(ctx, page, transactions.list(Caller.clientId(ctx), walletId, accountId, chain, page),
        Transaction::toJson);
  }
}
