package io.assetgateway.transfer;

import io.assetgateway.web.Route;
import java.util.List;

/** The transfer feature's entries of the route table: the published transfer route and its newer form. */
public final class TransferRoutes {
  private TransferRoutes() {}

  public static List<Route> of(TransferService transfers) {
    TransferHandlers handlers = new TransferHandlers(transfers);
    return List.of(
        Route.post("/api/v1/transfer").bearer().body("transfer-create").errors(404)
            .doc("createTransfer", "Transfer from one of the caller's assets", "transfer-result")
            .to(handlers::transfer),
        Route.post("/api/v1/transactions").bearer().body("transaction-create").errors(404)
            .doc("createTransaction", "Create a transaction (operation TRANSFER)", "transfer-result")
            .to(handlers::createTransaction));
  }
}
