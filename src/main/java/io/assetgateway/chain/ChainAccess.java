package io.assetgateway.chain;

import io.assetgateway.keys.SignedTransaction;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * What the server needs from a chain's network: hand it signed transactions, and learn its height and which
 * block included a transaction. The built-in {@link SandboxChain} implements it on the database; a connector
 * to real nodes (JSON-RPC, tron's HTTP API, ...) would implement the same three calls.
 */
public interface ChainAccess {
  /** The chain's current block height. */
  Future<Long> height(String chain);

  /** Submits a signed transaction; submitting the same one again is harmless. */
  Future<Void> broadcast(String chain, SignedTransaction transaction);

  /** For each of these transaction hashes that a block includes: that block's number (others are absent). */
  Future<Map<String, Long>> inclusions(String chain, List<String> txHashes);
}
