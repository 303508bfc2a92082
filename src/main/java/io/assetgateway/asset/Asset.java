package io.assetgateway.asset;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.registry.Chain;
import io.assetgateway.registry.RegistryEntry;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.common.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** An asset as the API shows it; balances are decimal strings. */
public record Asset(String assetId, String accountId, String walletId, String clientId, String chain, String network,
    String symbol, String name, String contractAddress, int decimals, String assetType, String balance,
    String lockedBalance, boolean active, OffsetDateTime createdAt) {

  /** A just-added asset: what the registry resolved, zero balances. */
  static Asset added(String assetId, String accountId, String walletId, String clientId, RegistryEntry entry,
      OffsetDateTime createdAt) {
    return new Asset(assetId, accountId, walletId, clientId, entry.chain(), entry.network(), entry.symbol(), entry.name(),
        entry.contractAddress(), entry.decimals(), entry.assetType(), "0", "0", true, createdAt);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("asset_id", assetId)
        .put("account_id", accountId)
        .put("wallet_id", walletId)
        .put("client_id", clientId)
        .put("chain", chain)
        .put("network", network)
        .put("symbol", symbol)
        .put("name", name)
        .put("contract_address", contractAddress)
        .put("decimals", decimals)
        .put("asset_type", assetType)
        .put("balance", balance)
        .put("locked_balance", lockedBalance)
        .put("is_active", active)
        .put("created_at", Timestamps.format(createdAt));
  }
}
