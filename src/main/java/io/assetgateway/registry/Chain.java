package io.assetgateway.registry;

/** An enabled chain: its name as clients send it, its family and its network. */
public record Chain(String name, ChainFamily family, String network) {
  public boolean isEvm() {
    return family == ChainFamily.EVM;
  }
}
