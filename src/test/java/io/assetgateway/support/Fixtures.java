package io.assetgateway.support;

import io.assetgateway.account.Account;
import io.assetgateway.account.AccountService;
import io.assetgateway.account.AccountStatus;
import io.assetgateway.client.ClientService;
import io.assetgateway.client.ClientStatus;
import io.assetgateway.client.NewClient;
import io.assetgateway.db.Migrations;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.registry.ChainFamily;
import io.assetgateway.wallet.WalletService;
import java.util.Optional;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Creates test data through the production services and reads back rows, on the test database. */
public final class Fixtures {
  private static final SeedVault VAULT = new SeedVault(java.util.HexFormat.of().parseHex(TestGateway.MASTER_KEY));
  private static Fixtures instance;
  private final Vertx vertx = Vertx.vertx();
  private final Pool pool;
  private final ClientService clients;
  private final WalletService wallets;
  private final AccountService accounts;

  private Fixtures(io.assetgateway.config.DatabaseUrl database) {
    Migrations.apply(database);
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(database.connectOptions()).using(vertx).build();
    clients = new ClientService(pool);
    wallets = new WalletService(pool, null);
    accounts = new AccountService(vertx, pool, AssetRegistry.load(Optional.empty()), VAULT, wallets);
  }

  public static synchronized Fixtures get() {
    if (instance == null) {
      instance = new Fixtures(TestDatabase.url());
    }
    return instance;
  }

  /** Fixtures on another database (a test's own, from {@link TestDatabase#another()}). */
  public static Fixtures on(io.assetgateway.config.DatabaseUrl database) {
    return new Fixtures(database);
  }

  /** A new ACTIVE client with its plain-text secret. */
  public TestClient client(String name, int maxWallets, List<String> allowedIps) {
    NewClient created = await(clients.create(name, maxWallets, allowedIps));
    return new TestClient(created.client().clientId(), created.apiKey(), Secrets.remember(created.apiSecret()));
  }

  public TestClient client() {
    return client("Test Client", 10, List.of());
  }

  public void setClientStatus(String clientId, String status) {
    await(clients.setStatus(clientId, ClientStatus.valueOf(status)));
  }

  /** A new ACTIVE wallet with a sealed random seed; returns its id. */
  public String wallet(String clientId) {
    return await(wallets.createActive(clientId, 1, "w", VAULT)).get(0).walletId();
  }

  /** A new ACTIVE account (in a new ACTIVE wallet) of this client on this chain, at index 0 of a fresh seed. */
  public String account(String clientId, String chain, ChainFamily family) {
    List<Account> created = new java.util.ArrayList<>();
    await(accounts.seed(clientId, chain, 1, 1, created::addAll));
    return created.get(0).accountId();
  }

  /** {@code count} new ACTIVE accounts of this client on this chain, spread over {@code wallets} new ACTIVE wallets. */
  public List<Account> accounts(String clientId, String chain, int count, int wallets) {
    List<Account> created = new java.util.ArrayList<>();
    await(accounts.seed(clientId, chain, count, wallets, created::addAll));
    return created;
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
    await(accounts.setStatus(accountId, AccountStatus.valueOf(status)));
  }

  public long countAssets(String accountId) {
    return await(pool.preparedQuery("SELECT count(*) FROM assets WHERE account_id = $1").execute(Tuple.of(accountId)))
        .iterator().next().getLong(0);
  }

  public Row assetRow(String assetId) {
    return await(pool.preparedQuery("SELECT *, balance::text AS balance_text FROM assets WHERE asset_id = $1")
        .execute(Tuple.of(assetId))).iterator().next();
  }

  /** The one row the query finds. */
  public Row row(String sql, Object... params) {
    return await(pool.preparedQuery(sql).execute(Tuple.from(params))).iterator().next();
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
