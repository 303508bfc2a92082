package io.assetgateway.transfer;

import io.assetgateway.asset.AssetService;
import io.assetgateway.asset.Holding;
import io.assetgateway.common.Amounts;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.registry.Chain;
import io.assetgateway.registry.RegistryEntry;
import io.assetgateway.transaction.Transaction;
import io.assetgateway.transaction.TransactionService;
import io.assetgateway.web.ApiError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Transfers out of a caller's asset. The checks come in the published order: the body (400
 * invalid_parameter: chain, amount, token, from == to), 400 invalid_address, 404 not_found, 400
 * wallet_not_active, 400 account_not_active, 400 insufficient_balance. One database transaction finds the
 * asset, records the PENDING transfer and locks its amount; the chain worker takes it from there.
 */
public final class TransferService {
  /** EVM amounts are uint256 in the smallest unit; tron, bitcoin and solana amounts are int64. */
  private static final BigInteger EVM_LIMIT = BigInteger.TWO.pow(256);
  private static final BigInteger INT64_LIMIT = BigInteger.TWO.pow(63);

  private final Pool pool;
  private final AssetRegistry registry;
  private final AssetService assets;
  private final TransactionService transactions;

  public TransferService(Pool pool, AssetRegistry registry, AssetService assets, TransactionService transactions) {
    this.pool = pool;
    this.registry = registry;
    this.assets = assets;
    this.transactions = transactions;
  }

  /** What a client asks to send. {@code memo} may be null. */
  public record Request(String fromAddress, String toAddress, String chain, String tokenSymbol, String amount,
      String memo) {}

  /** Validates, then records the PENDING transfer with its amount locked. */
  public Future<Transaction> transfer(String clientId, Request request) {
    Chain chain = registry.chain(request.chain()).orElse(null);
    if (chain == null) {
      return refused(ApiError.INVALID_PARAMETER,
          "chain must be one of " + String.join(", ", registry.chains().keySet()));
    }
    BigDecimal amount = Amounts.parse(request.amount());
    if (amount == null || amount.signum() <= 0) {
      return refused(ApiError.INVALID_PARAMETER, "amount must be a decimal string greater than 0 (such as \"10.5\")");
    }
    RegistryEntry token = registry.entry(chain.name(), request.tokenSymbol()).orElse(null);
    if (token == null) {
      return refused(ApiError.INVALID_PARAMETER,
          "token_symbol " + request.tokenSymbol() + " is not offered on chain " + chain.name());
    }
    String tooPrecise = precisionProblem(amount, token.decimals(), chain);
    if (tooPrecise != null) {
      return refused(ApiError.INVALID_PARAMETER, tooPrecise);
    }
    String from = chain.canonicalAddress(request.fromAddress()).orElse(request.fromAddress());
    String to = chain.canonicalAddress(request.toAddress()).orElse(null);
    if (from.equals(to == null ? request.toAddress() : to)) {
      return refused(ApiError.INVALID_PARAMETER, "to_address must differ from from_address");
    }
    if (to == null) {
      return refused(ApiError.INVALID_ADDRESS, "to_address is not a valid " + chain.name() + " address");
    }
    String memo = request.memo() == null ? "" : request.memo();
    return pool.withTransaction(tx -> assets.holding(tx, chain.name(), from, token.symbol()).compose(found -> {
      Holding source = found.filter(h -> h.clientId().equals(clientId)).orElseThrow(() ->
          ApiError.NOT_FOUND.with("No asset found for the given address/chain/token combination"));
      if (!source.walletActive()) {
        throw ApiError.WALLET_NOT_ACTIVE.with("Wallet is not active");
      }
      if (!source.accountActive()) {
        throw ApiError.ACCOUNT_NOT_ACTIVE.with("Account is not active");
      }
      String problem = precisionProblem(amount, source.decimals(), chain);
      if (problem != null) {
        throw ApiError.INVALID_PARAMETER.with(problem);
      }
      return transactions.startTransfer(tx, source, to, amount, memo, chain.confirmations());
    }));
  }

  /** Why the amount cannot be sent in this token on this chain, or null when it can. */
  static String precisionProblem(BigDecimal amount, int decimals, Chain chain) {
    if (Amounts.places(amount) > decimals) {
      return "amount has more than " + decimals + " decimal places";
    }
    BigInteger units = Amounts.smallestUnits(amount, decimals);
    if (units.compareTo(chain.isEvm() ? EVM_LIMIT : INT64_LIMIT) >= 0) {
      return "amount is too large for chain " + chain.name();
    }
    return null;
  }

  private static <T> Future<T> refused(ApiError error, String message) {
    return Future.failedFuture(error.with(message));
  }
}
