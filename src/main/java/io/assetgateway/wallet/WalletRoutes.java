package io.assetgateway.wallet;

import io.assetgateway.web.Route;
import java.util.List;

/** The wallet feature's entries of the route table. */
public final class WalletRoutes {
  private WalletRoutes() {}

  public static List<Route> of(WalletService wallets) {
    WalletHandlers handlers = new WalletHandlers(wallets);
    return List.of(
        Route.post("/api/v1/wallets").bearer().body("wallet-create")
            .doc("createWallet", "Create a wallet", "wallet").to(handlers::create),
        Route.get("/api/v1/wallets").bearer().page()
            .doc("listWallets", "List wallets", "wallet").to(handlers::list),
        Route.get("/api/v1/wallets/{wallet_id}").bearer()
            .doc("getWallet", "Get a wallet", "wallet").to(handlers::get));
  }
}
