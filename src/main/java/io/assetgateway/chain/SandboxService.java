package io.assetgateway.chain;

import io.assetgateway.address.Base58;
import io.assetgateway.address.Bech32;
import io.assetgateway.address.Eip55;
import io.assetgateway.asset.AssetService;
import io.assetgateway.asset.Holding;
import io.assetgateway.common.Amounts;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.registry.Chain;
import io.assetgateway.registry.ChainFamily;
import io.assetgateway.transaction.Transaction;
import io.assetgateway.transaction.TransactionService;
import io.assetgateway.web.ApiError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * What the sandbox chain lets an operator do that a real network does by itself: a deposit arrives from
 * outside, and a transaction fails. Refusals are ApiExceptions with a one-line message.
 */
public final class SandboxService {
  private final Pool pool;
  private final AssetRegistry registry;
  private final AssetService assets;
  private final TransactionService transactions;
  private final SandboxChain sandbox;

  public SandboxService(Pool pool, AssetRegistry registry, AssetService assets, TransactionService transactions,
      SandboxChain sandbox) {
    this.pool = pool;
    this.registry = registry;
    this.assets = assets;
    this.transactions = transactions;
    this.sandbox = sandbox;
  }

  /**
   * A deposit of {@code amount} to the asset on (chain, to, symbol) reaches the chain's mempool: recorded as
   * an INBOUND transaction, CONFIRMING; the next block includes it and it is credited at CONFIRMED. {@code
   * from} is the sender (null: a made-up outside address).
   */
  public Future<Transaction> simulateDeposit(String chainName, String to, String symbol, String amountText,
      String from) {
    Chain chain = registry.chain(chainName).orElse(null);
    if (chain == null) {
      return refused("--chain must be one of " + String.join(", ", registry.chains().keySet()));
    }
    String recipient = chain.canonicalAddress(to).orElse(null);
    if (recipient == null) {
      return refused("--to " + to + " is not a valid " + chain.name() + " address");
    }
    String sender = from == null ? null : chain.canonicalAddress(from).orElse(null);
    if (from != null && sender == null) {
      return refused("--from " + from + " is not a valid " + chain.name() + " address");
    }
    BigDecimal amount = Amounts.parse(amountText);
    if (amount == null || amount.signum() <= 0) {
      return refused("--amount must be a decimal number greater than 0, such as 100 or 0.5 (got " + amountText + ")");
    }
    return assets.holding(null, chain.name(), recipient, symbol).compose(found -> {
      Holding holding = found.orElseThrow(() -> ApiError.NOT_FOUND.with("no asset of this server is " + symbol
          + " on " + chain.name() + " at " + recipient + " (add it first: POST /api/v1/assets)"));
      if (Amounts.places(amount) > holding.decimals()) {
        throw ApiError.INVALID_PARAMETER.with("--amount has more than " + holding.decimals() + " decimal places");
      }
      byte[] entropy = sha256(UUID.randomUUID() + "|" + chain.name() + "|" + recipient + "|" + symbol + "|" + amount);
      String hash = transactionHash(chain.family(), entropy);
      String sentFrom = sender != null ? sender : outsideAddress(chain.family(), sha256(hash));
      return sandbox.receive(chain.name(), hash).compose(v -> pool.withTransaction(tx ->
          transactions.recordDeposit(tx, holding, sentFrom, amount, hash, 0, 0, chain.confirmations(), null)));
    });
  }

  /**
   * Fails a transaction that is not CONFIRMED yet (an OUTBOUND one returns its locked amount to the balance)
   * and drops it from the mempool, unless a block already included it.
   */
  public Future<Transaction> simulateFail(String txId) {
    return transactions.fail(txId, "failed on the sandbox chain (simulate fail)").compose(failed -> {
      List<String> hashes = new ArrayList<>();
      if (!failed.txHash().isEmpty()) {
        hashes.add(failed.txHash());
      }
      if (failed.signedHash() != null) {
        hashes.add(failed.signedHash());
      }
      return hashes.isEmpty() ? Future.succeededFuture(failed)
          : sandbox.drop(failed.chain(), hashes).map(failed);
    });
  }

  /** A transaction hash in the chain's own format, from 32 bytes (64 for solana's signature-shaped ids). */
  static String transactionHash(ChainFamily family, byte[] entropy) {
    return switch (family) {
      case EVM -> "0x" + HexFormat.of().formatHex(entropy);
      case TRON, BITCOIN -> HexFormat.of().formatHex(entropy);
      case SOLANA -> Base58.encode(concat(entropy, sha256(HexFormat.of().formatHex(entropy))));
    };
  }

  /** A valid address of the family that belongs to nobody here: the sender of a simulated deposit. */
  static String outsideAddress(ChainFamily family, byte[] entropy) {
    byte[] twenty = Arrays.copyOf(entropy, 20);
    return switch (family) {
      case EVM -> Eip55.checksum("0x" + HexFormat.of().formatHex(twenty));
      case TRON -> {
        byte[] payload = new byte[21];
        payload[0] = 0x41;
        System.arraycopy(twenty, 0, payload, 1, 20);
        yield Base58.encodeChecked(payload);
      }
      case BITCOIN -> Bech32.segwitAddress("bc", 0, twenty);
      case SOLANA -> Base58.encode(Arrays.copyOf(entropy, 32));
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static <T> Future<T> refused(String message) {
    return Future.failedFuture(ApiError.INVALID_PARAMETER.with(message));
  }
}
