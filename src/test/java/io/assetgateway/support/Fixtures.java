package io.assetgateway.support;

import io.assetgateway.account.AccountStorage;
import io.assetgateway.address.AddressFormats;
import io.assetgateway.asset.ChainFamily;
import io.assetgateway.client.ApiSecrets;
import io.assetgateway.client.ClientStorage;
import io.assetgateway.common.Ids;
import io.assetgateway.db.Migrations;
import io.assetgateway.keys.AddressDerivation;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.wallet.WalletStorage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Creates test data through the production storage classes and reads back rows, on the test database. */
public final class Fixtures {
  private static final SeedVault VAULT = new SeedVault(java.util.HexFormat.of().parseHex(TestGateway.MASTER_KEY));
  private static Fixtures instance;
  private final Vertx vertx = Vertx.vertx();
  private final Pool pool;

  private Fixtures() {
    Migrations.apply(TestDatabase.url());
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(TestDatabase.url().connectOptions()).using(vertx).build();
  }

  public static synchronized Fixtures get() {
    if (instance == null) {
      instance = new Fixtures();
    }
    return instance;
  }

  /** A new ACTIVE client with its plain-text secret. */
  public TestClient client(String name, int maxWallets, List<String> allowedIps) {
    String apiKey = ApiSecrets.newApiKey();
    String secret = Secrets.remember(ApiSecrets.newApiSecret());
    String id = Ids.client();
    await(new ClientStorage(pool).insert(id, name, apiKey, ApiSecrets.hash(secret), maxWallets, allowedIps));
    return new TestClient(id, apiKey, secret);
  }

  public TestClient client() {
    return client("Test Client", 10, List.of());
  }

  public void setClientStatus(String clientId, String status) {
    await(new ClientStorage(pool).setStatus(clientId, status));
  }

  /** A new ACTIVE wallet with a sealed random seed; returns its id. */
  public String wallet(String clientId) {
    String walletId = Ids.wallet();
    await(new WalletStorage(pool).insertActive(clientId, List.of(walletId), List.of("w"),
        List.of(VAULT.encrypt(walletId, SeedVault.newSeed()))));
    return walletId;
  }

  /** A new ACTIVE account (in a new ACTIVE wallet) of this client on this chain, at index 0 of a fresh seed. */
  public String account(String clientId, String chain, ChainFamily family) {
    String walletId = Ids.wallet();
    byte[] seed = SeedVault.newSeed();
    await(new WalletStorage(pool).insertActive(clientId, List.of(walletId), List.of("w"),
        List.of(VAULT.encrypt(walletId, seed))));
    String accountId = Ids.account();
    await(new AccountStorage(pool).insertActive(clientId, chain, "mainnet", AddressFormats.addressType(family),
        List.of(new AccountStorage.NewAccount(accountId, walletId, AddressDerivation.address(family, seed, 0), 0))));
    return accountId;
  }

  /** The seed of a wallet, opened with the test master key. */
  public byte[] seedOf(String walletId) {
    Row row = await(pool.preparedQuery("SELECT encrypted_seed FROM wallets WHERE wallet_id = $1")
        .execute(Tuple.of(walletId))).iterator().next();
    return VAULT.decrypt(walletId, row.getBuffer("encrypted_seed").getBytes());
  }

  /** Runs any SQL (test set-up that no production path offers, such as simulating a crash). */
  public void execute(String sql, Object... params) {
    await(pool.preparedQuery(sql).execute(Tuple.from(params)));
  }

  public void setAccountStatus(String accountId, String status) {
    await(new AccountStorage(pool).setStatus(accountId, status));
  }

  public long countAssets(String accountId) {
    return await(pool.preparedQuery("SELECT count(*) FROM assets WHERE account_id = $1").execute(Tuple.of(accountId)))
        .iterator().next().getLong(0);
  }

  public Row assetRow(String assetId) {
    return await(pool.preparedQuery("SELECT *, balance::text AS balance_text FROM assets WHERE asset_id = $1")
        .execute(Tuple.of(assetId))).iterator().next();
  }

  /** The first column of every row, as strings. */
  public List<String> ids(String sql, Object... params) {
    List<String> out = new java.util.ArrayList<>();
    await(pool.preparedQuery(sql).execute(Tuple.from(params))).forEach(r -> out.add(r.getString(0)));
    return out;
  }

  public long count(String sql, Object... params) {
    return await(pool.preparedQuery(sql).execute(Tuple.from(params))).iterator().next().getLong(0);
  }

  public static <T> T await(Future<T> future) {
    try {
      // Not Future.await: that refuses Vert.x threads, and tests call this from callbacks of another Vert.x.
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client's id and credentials. */
  public record TestClient(String clientId, String apiKey, String apiSecret) {}
}
