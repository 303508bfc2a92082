package io.assetgateway.registry;

import io.assetgateway.address.AddressCheck;
import java.util.Optional;

/**
 * An enabled chain: its name as clients send it, its family and network, the confirmations a transaction
 * needs before it counts, and for EVM chains the chain id that signatures commit to (null elsewhere).
 */
public record Chain(String name, ChainFamily family, String network, int confirmations, Long chainId) {
  public boolean isEvm() {
    return family == ChainFamily.EVM;
  }

  /** The address in its canonical spelling (EIP-55 on EVM chains), or empty when it is not one of this chain. */
  public Optional<String> canonicalAddress(String address) {
    return Optional.ofNullable(switch (family) {
      case EVM -> AddressCheck.evm(address);
      case TRON -> AddressCheck.tron(address);
      case BITCOIN -> AddressCheck.bitcoin(address);
      case SOLANA -> AddressCheck.solana(address);
    });
  }
}
