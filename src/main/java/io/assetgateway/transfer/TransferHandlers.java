package io.assetgateway.transfer;

import io.assetgateway.web.Caller;
import io.assetgateway.web.JsonBodyValidator;
import io.assetgateway.web.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** HTTP to {@link TransferService} and back; bodies are already schema-valid. */
final class TransferHandlers {
  private final TransferService transfers;

  TransferHandlers(TransferService transfers) {
    this.transfers = transfers;
  }

  /** {@code POST /api/v1/transfer} (SDK 1.6 and Go up to 1.7). */
  void transfer(RoutingContext ctx) {
    create(ctx, "Transfer initiated successfully.");
  }

  /** {@code POST /api/v1/transactions} with operation TRANSFER (SDK 1.8): the same operation. */
  void createTransaction(RoutingContext ctx) {
    create(ctx, "Transfer task created");
  }

  private void create(RoutingContext ctx, String message) {
    JsonObject body = ctx.get(JsonBodyValidator.BODY);
    TransferService.Request request = new TransferService.Request(body.getString("from_address"),
        body.getString("to_address"), body.getString("chain"), body.getString("token_symbol"),
        body.getString("amount"), body.getString("memo"));
    transfers.transfer(Caller.clientId(ctx), request)
        .onSuccess(t -> Responses.ok(ctx, new JsonObject().put("tx_id", t.txId()).put("status", t.status().name())
            .put("message", message)))
        .onFailure(ctx::fail);
  }
}
