package io.assetgateway.keys;

import io.assetgateway.registry.ChainFamily;
import java.math.BigInteger;

/**
 * A transfer as a signer sees it: the chain (family, EVM chain id or null), the sending and receiving
 * addresses, the amount in the token's smallest unit, the token contract (null for a native coin), the
 * sender's nonce, and the transaction's id and creation time (which make tron's and the digests' bytes
 * deterministic).
 */
public record TransferToSign(ChainFamily family, String chain, Long chainId, String fromAddress, String toAddress,
    BigInteger units, String contractAddress, long nonce, String txId, long createdAtMillis) {}
