package io.assetgateway.account;

import io.assetgateway.address.AddressFormats;
import io.assetgateway.asset.AssetRegistry;
import io.assetgateway.asset.Chain;
import io.assetgateway.auth.BearerAuthHandler;
import io.assetgateway.common.Ids;
import io.assetgateway.http.ApiError;
import io.assetgateway.http.JsonBodyValidator;
import io.assetgateway.http.PageRequest;
import io.assetgateway.http.PathIds;
import io.assetgateway.http.Responses;
import io.assetgateway.keys.AddressDerivation;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.wallet.WalletStorage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** {@code POST /api/v1/accounts}, {@code GET /api/v1/accounts/{id}}, {@code GET /api/v1/accounts?wallet_id=}. */
public final class AccountHandlers {
  private final Vertx vertx;
  private final Pool pool;
  private final AssetRegistry registry;
  private final SeedVault vault;
  private final AccountStorage accounts;

  public AccountHandlers(Vertx vertx, Pool pool, AssetRegistry registry, SeedVault vault) {
    this.vertx = vertx;
    this.pool = pool;
    this.registry = registry;
    this.vault = vault;
    this.accounts = new AccountStorage(pool);
  }

  /**
   * Derives the wallet's next address on the chain and stores the account, in one transaction: the wallet
   * row is share-locked, the (wallet, chain) counter row hands out the index, the key work runs off the
   * event loop.
   */
  public void create(RoutingContext ctx) {
    JsonObject body = ctx.get(JsonBodyValidator.BODY);
    String clientId = ctx.get(BearerAuthHandler.CLIENT_ID);
    String walletId = body.getString("wallet_id");
    Chain chain = registry.chain(body.getString("chain")).orElse(null);
    if (chain == null) {
      ctx.fail(ApiError.INVALID_PARAMETER.with("chain must be one of " + String.join(", ", registry.chains().keySet())));
      return;
    }
    String label = body.getString("label") == null ? "" : body.getString("label");
    pool.withTransaction(conn -> new WalletStorage(conn).lockForAccount(clientId, walletId).compose(wallet -> {
          if (wallet.isEmpty()) {
            return Future.failedFuture(ApiError.NOT_FOUND.with("Wallet not found"));
          }
          if (!wallet.get().active()) {
            return Future.failedFuture(ApiError.WALLET_NOT_ACTIVE.with("Wallet is not active yet"));
          }
          AccountStorage inTransaction = new AccountStorage(conn);
          return inTransaction.nextIndex(walletId, chain.name()).compose(index -> vertx.executeBlocking(
                  () -> AddressDerivation.address(chain.family(), vault.decrypt(walletId, wallet.get().sealedSeed()), index),
                  false)
              .compose(address -> inTransaction.insert(Ids.account(), walletId, clientId, chain.name(), chain.network(),
                  address, AddressFormats.addressType(chain.family()), label, index)));
        }))
        .onSuccess(account -> Responses.ok(ctx, account.toJson()))
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    String id = PathIds.of(ctx, "account_id", "Account not found");
    if (id == null) {
      return;
    }
    Responses.okOrNotFound(ctx, accounts.find(ctx.get(BearerAuthHandler.CLIENT_ID), id),
        Account::toJson, "Account not found");
  }

  public void list(RoutingContext ctx) {
    PageRequest page = PageRequest.of(ctx);
    String walletId = PageRequest.idFilter(ctx, "wallet_id");
    Responses.page(ctx, page, accounts.list(ctx.get(BearerAuthHandler.CLIENT_ID), walletId, page), Account::toJson);
  }
}
