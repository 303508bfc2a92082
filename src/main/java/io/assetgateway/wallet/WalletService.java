package io.assetgateway.wallet;

import io.assetgateway.common.Ids;
import io.assetgateway.config.ConfigException;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.web.ApiError;
import io.assetgateway.web.Page;
import io.assetgateway.web.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.SqlClient;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Wallets: creation under max_wallets, reads, and the sealed seed that accounts are derived from. */
public final class WalletService {
  private static final int SEED_BATCH = 5000;

  private final WalletStorage wallets;
  private final EventBus eventBus;

  /** {@code eventBus} reaches the key-generation verticle; null where nothing should be told (the CLI). */
  public WalletService(SqlClient db, EventBus eventBus) {
    this.wallets = new WalletStorage(db);
    this.eventBus = eventBus;
  }

  /** A new PROGRESSING wallet (400 wallet_limit_reached at max_wallets); its keys are generated asynchronously. */
  public Future<Wallet> create(String clientId, String name, String description) {
    return wallets.create(clientId, Ids.wallet(), name, description == null ? "" : description).map(created -> {
      Wallet wallet = created.orElseThrow(
          () -> ApiError.WALLET_LIMIT_REACHED.with("Client already has its maximum number of wallets"));
      if (eventBus != null) {
        eventBus.send(KeyGenerationVerticle.ADDRESS, wallet.walletId());
      }
      return wallet;
    });
  }

  /** The caller's wallet, or empty (also for another client's wallet). */
  public Future<Optional<Wallet>> find(String clientId, String walletId) {
    return wallets.find(clientId, walletId);
  }

  /** The caller's wallets, newest first. */
  public Future<Page<Wallet>> list(String clientId, PageRequest page) {
    return wallets.list(clientId, page);
  }

  /**
   * The caller's ACTIVE wallet's sealed seed, share-locked in the transaction {@code tx} (so the wallet cannot
   * change under an account being derived from it): 404 not_found, or 400 wallet_not_active.
   */
  public Future<SealedWallet> lockForAccount(SqlClient tx, String clientId, String walletId) {
    return new WalletStorage(tx).lockForAccount(clientId, walletId).map(found -> {
      WalletStorage.KeyedWallet wallet = found.orElseThrow(() -> ApiError.NOT_FOUND.with("Wallet not found"));
      if (!wallet.active()) {
        throw ApiError.WALLET_NOT_ACTIVE.with("Wallet is not active yet");
      }
      return new SealedWallet(walletId, wallet.sealedSeed());
    });
  }

  /**
   * Creates {@code count} ACTIVE wallets with fresh sealed seeds for a client in batched inserts (load-test
   * seeding); returns each wallet's id and its plain seed, which the caller must zero after use.
   */
  public Future<List<SeededWallet>> createActive(String clientId, int count, String namePrefix, SeedVault vault) {
    List<SeededWallet> created = new ArrayList<>(count);
    List<String> names = new ArrayList<>(count);
    List<byte[]> sealed = new ArrayList<>(count);
    for (int w = 0; w < count; w++) {
      String walletId = Ids.wallet();
      byte[] seed = SeedVault.newSeed();
      created.add(new SeededWallet(walletId, seed));
      names.add(namePrefix + (w + 1));
      sealed.add(vault.encrypt(walletId, seed));
    }
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < count; from += SEED_BATCH) {
      int start = from;
      int end = Math.min(count, from + SEED_BATCH);
      chain = chain.compose(v -> wallets.insertActive(clientId,
          created.subList(start, end).stream().map(SeededWallet::walletId).toList(), names.subList(start, end),
          sealed.subList(start, end)));
    }
    // on failure the caller never sees the seeds, so forget them here
    return chain.map(created).onFailure(e -> created.forEach(w -> Arrays.fill(w.seed(), (byte) 0)));
  }

  /**
   * Fails with a ConfigException naming WALLET_MASTER_KEY unless {@code vault}'s key is the one this database's seeds
   * are sealed with. The first start records the key's check value; with seeds sealed before any value was recorded,
   * the key must open the oldest of them first. Concurrent first starts agree: one insert wins, all compare with it.
   */
  public Future<Void> verifyMasterKey(SeedVault vault) {
    byte[] mine = vault.keyCheckValue();
    return wallets.masterKeyCheck().compose(recorded -> {
      if (recorded.isPresent()) {
        return matches(mine, recorded.get());
      }
      return wallets.oldestSealedSeed().compose(sealed -> {
        if (sealed.isPresent() && !opens(vault, sealed.get())) {
          return Future.failedFuture(wrongMasterKey("cannot open wallet " + sealed.get().walletId() + "'s seed"));
        }
        return wallets.recordMasterKeyCheck(mine)
            .compose(v -> wallets.masterKeyCheck())
            .compose(stored -> matches(mine, stored.orElseThrow()));
      });
    });
  }

  private static Future<Void> matches(byte[] mine, byte[] recorded) {
    return MessageDigest.isEqual(mine, recorded) ? Future.succeededFuture()
        : Future.failedFuture(wrongMasterKey("does not match the key check recorded in the database"));
  }

  private static boolean opens(SeedVault vault, WalletStorage.StoredSeed sealed) {
    try {
      Arrays.fill(vault.decrypt(sealed.walletId(), sealed.sealedSeed()), (byte) 0);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static ConfigException wrongMasterKey(String why) {
    return new ConfigException("WALLET_MASTER_KEY", "is not the key this database's wallet seeds are sealed with ("
        + why + "); start with the key used before (WALLET_MASTER_KEY, or DATA_DIR/wallet-master.key for the"
        + " embedded database)");
  }

  /** Ids of wallets still waiting for key material, oldest first (the key-generation sweep). */
  Future<List<String>> pendingKeyGeneration(int limit) {
    return wallets.pendingKeyGeneration(limit);
  }

  /** Stores the sealed seed and activates the wallet; false if another worker got there first. */
  Future<Boolean> completeKeys(String walletId, byte[] sealedSeed) {
    return wallets.completeKeys(walletId, sealedSeed);
  }

  /** A wallet created by {@link #createActive} and its plain seed. */
  public record SeededWallet(String walletId, byte[] seed) {}
}
