package io.assetgateway.asset;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.registry.Chain;
import io.assetgateway.registry.RegistryEntry;
import io.assetgateway.registry.AssetRegistry;
import java.util.ArrayList;
import java.util.List;

/** One Add Asset request as the writer batches it. The key names the (symbol, requested chain) pair. */
public record AddRequest(String assetId, String clientId, String accountId, String symbol, String requestedChain) {

  /** {@code SYMBOL|chain}, or {@code SYMBOL|} when the request names no chain. */
  public String key() {
    return symbol + "|" + (requestedChain == null ? "" : requestedChain);
  }

  static String symbolOf(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  static String chainOf(String key) {
    String chain = key.substring(key.indexOf('|') + 1);
    return chain.isEmpty() ? null : chain;
  }

  /** Every key a schema-valid request can have: each API symbol with each enabled chain or none. */
  static List<String> allKeys(AssetRegistry registry) {
    List<String> keys = new ArrayList<>();
    for (String symbol : AssetRegistry.API_SYMBOLS.stream().sorted().toList()) {
      keys.add(symbol + "|");
      registry.chains().keySet().forEach(chain -> keys.add(symbol + "|" + chain));
    }
    return keys;
  }
}
