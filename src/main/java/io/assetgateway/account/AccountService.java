package io.assetgateway.account;

import io.assetgateway.common.Ids;
import io.assetgateway.keys.AddressDerivation;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.registry.Chain;
import io.assetgateway.wallet.WalletService;
import io.assetgateway.web.ApiError;
import io.assetgateway.web.Page;
import io.assetgateway.web.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Accounts: each is the wallet's next derived address on a chain. HTTP and the {@code seed} command both create
 * accounts here, with the same derivation and the same rows.
 */
public final class AccountService {
  private static final int SEED_BATCH = 5000;

  private final Vertx vertx;
  private final Pool pool;
  private final AssetRegistry registry;
  private final SeedVault vault;
  private final WalletService wallets;
  private final AccountStorage accounts;

  public AccountService(Vertx vertx, Pool pool, AssetRegistry registry, SeedVault vault, WalletService wallets) {
    this.vertx = vertx;
    this.pool = pool;
    this.registry = registry;
    this.vault = vault;
    this.wallets = wallets;
    this.accounts = new AccountStorage(pool);
  }

  /**
   * Derives the wallet's next address on the chain and stores the account, in one transaction: the wallet row is
   * share-locked, the (wallet, chain) counter row hands out the index, the key work runs off the event loop.
   */
  public Future<Account> create(String clientId, String walletId, String chainName, String accountType,
      String label) {
    Chain chain = registry.chain(chainName).orElse(null);
    if (chain == null) {
      return Future.failedFuture(ApiError.INVALID_PARAMETER.with(
          "chain must be one of " + String.join(", ", registry.chains().keySet())));
    }
    AccountType type = AccountType.fromRequest(accountType).orElse(null);
    if (type == null) {
      return Future.failedFuture(ApiError.INVALID_PARAMETER.with("account_type must be INBOUND (or DEPOSIT)"));
    }
    String accountLabel = label == null ? "" : label;
    return pool.withTransaction(tx -> wallets.lockForAccount(tx, clientId, walletId).compose(wallet -> {
      AccountStorage inTransaction = new AccountStorage(tx);
      return inTransaction.nextIndex(walletId, chain.name())
          .compose(index -> vertx.executeBlocking(() -> derive(chain, walletId, wallet.sealedSeed(), index), false)
              .compose(address -> inTransaction.insert(Ids.account(), walletId, clientId, chain.name(), chain.network(),
                  address, type, accountLabel, index)));
    }));
  }

  /** The caller's account, or empty (also for another client's account). */
  public Future<Optional<Account>> find(String clientId, String accountId) {
    return accounts.find(clientId, accountId);
  }

  /** The caller's accounts, optionally of one wallet, newest first. */
  public Future<Page<Account>> list(String clientId, String walletId, PageRequest page) {
    return accounts.list(clientId, walletId, page);
  }

  /** Where the account's key derives from (read in {@code tx}); empty when it has no seed or index. */
  public Future<Optional<SigningKey>> signingKey(io.vertx.sqlclient.SqlClient tx, String accountId) {
    return new AccountStorage(tx).signingKey(accountId);
  }

  /** Sets an account's status (operator); empty when there is no such account. */
  public Future<Optional<AccountStatus>> setStatus(String accountId, AccountStatus status) {
    return accounts.setStatus(accountId, status);
  }

  /**
   * Creates {@code walletCount} ACTIVE wallets and {@code accountCount} ACTIVE accounts on a chain for a client
   * (load tests), in batched inserts: account i belongs to wallet i % W at derivation index i / W. Each batch of
   * created accounts is handed to {@code created} as it is stored.
   */
  public Future<Void> seed(String clientId, String chainName, int accountCount, int walletCount,
      Consumer<List<Account>> created) {
    Chain chain = registry.chain(chainName).orElse(null);
    if (chain == null) {
      return Future.failedFuture(ApiError.INVALID_PARAMETER.with(
          "chain must be one of " + String.join(", ", registry.chains().keySet())));
    }
    return wallets.createActive(clientId, walletCount, "seed-" + chainName + "-", vault).compose(seeded -> {
      // derive each wallet's run of addresses in parallel, then forget the seeds (also when a derivation fails)
      List<List<String>> addresses;
      try {
        addresses = IntStream.range(0, walletCount).parallel()
            .mapToObj(w -> AddressDerivation.addresses(chain.family(), seeded.get(w).seed(), 0,
                (accountCount - w + walletCount - 1) / walletCount))
            .toList();
      } finally {
        seeded.forEach(w -> Arrays.fill(w.seed(), (byte) 0));
      }
      Future<Void> chainOfBatches = Future.succeededFuture();
      for (int from = 0; from < accountCount; from += SEED_BATCH) {
        List<AccountStorage.NewAccount> batch = new ArrayList<>();
        for (int i = from; i < Math.min(accountCount, from + SEED_BATCH); i++) {
          batch.add(new AccountStorage.NewAccount(Ids.account(), seeded.get(i % walletCount).walletId(),
              addresses.get(i % walletCount).get(i / walletCount), i / walletCount));
        }
        chainOfBatches = chainOfBatches.compose(v -> accounts.insertActive(clientId, chain.name(), chain.network(),
                AccountType.INBOUND, batch))
            .map(v -> {
              created.accept(batch.stream().map(a -> new Account(a.accountId(), a.walletId(), clientId, chain.name(),
                  a.address(), chain.network(), AccountType.INBOUND.name(), "", AccountStatus.ACTIVE,
                  null)).toList());
              return null;
            });
      }
      return chainOfBatches;
    });
  }

  /** The address at {@code index}; the unsealed seed lives only for this call. */
  private String derive(Chain chain, String walletId, byte[] sealedSeed, int index) {
    byte[] seed = vault.decrypt(walletId, sealedSeed);
    try {
      return AddressDerivation.address(chain.family(), seed, index);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }
}
