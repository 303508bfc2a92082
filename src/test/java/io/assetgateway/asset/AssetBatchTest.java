package io.assetgateway.asset;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.registry.Chain;
import io.assetgateway.registry.RegistryEntry;
import io.assetgateway.registry.AssetRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.common.Ids;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Batched Add Asset: every request keeps its own outcome")
class AssetBatchTest {
  static final AssetRegistry REGISTRY = AssetRegistry.load(Optional.empty());
  static Vertx vertx;
  static Pool pool;
  static AssetStorage storage;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    fx = Fixtures.get();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(TestDatabase.url().connectOptions()).using(vertx).build();
    storage = new AssetStorage(pool, REGISTRY);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static AddRequest req(String clientId, String accountId, String symbol, String chain) {
    return new AddRequest(Ids.asset(), clientId, accountId, symbol, chain);
  }

  @Test
  @DisplayName("one statement with success, in-batch duplicate, existing asset, unknown, foreign and inactive accounts, and a chain-rule refusal")
  void mixedBatch() throws Exception {
    Fixtures.TestClient me = fx.client();
    Fixtures.TestClient other = fx.client();
    String evm = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    String tron = fx.account(me.clientId(), "tron", ChainFamily.TRON);
    String inactive = fx.account(me.clientId(), "bsc", ChainFamily.EVM);
    fx.setAccountStatus(inactive, "INACTIVE");
    String foreign = fx.account(other.clientId(), "ethereum", ChainFamily.EVM);
    assertNotNull(await(storage.addBatch(List.of(req(me.clientId(), evm, "USDC", "ethereum")))).get(0).assetId());

    List<AddRequest> batch = List.of(
        req(me.clientId(), evm, "USDT", "ethereum"),      // 0 created
        req(me.clientId(), evm, "USDT", "ethereum"),      // 1 duplicate of 0 in the same batch
        req(me.clientId(), evm, "USDC", "ethereum"),      // 2 already added before
        req(me.clientId(), "acc_missing", "ETH", "base"), // 3 no such account
        req(me.clientId(), foreign, "ETH", "base"),       // 4 another client's account
        req(me.clientId(), inactive, "BNB", "bsc"),       // 5 INACTIVE account
        req(me.clientId(), evm, "USDT", null),            // 6 chain rule: EVM account without chain
        req(me.clientId(), evm, "BTC", "bitcoin"),        // 7 chain rule: not an EVM chain
        req(me.clientId(), tron, "TRX", null),            // 8 created, non-EVM
        req(me.clientId(), evm, "USDT", "bsc"));          // 9 created: same symbol, other EVM chain
    List<AssetStorage.AddOutcome> out = await(storage.addBatch(batch));

    assertEquals(batch.size(), out.size());
    assertEquals(batch.get(0).assetId(), out.get(0).assetId());
    assertTrue(out.get(0).accountFound() && "ACTIVE".equals(out.get(0).accountStatus()));
    assertNull(out.get(1).assetId(), "the later duplicate in a batch is not inserted");
    assertTrue(out.get(1).accountFound());
    assertNull(out.get(2).assetId());
    assertFalse(out.get(3).accountFound());
    assertFalse(out.get(4).accountFound(), "another client's account is not found");
    assertEquals("INACTIVE", out.get(5).accountStatus());
    assertNull(out.get(5).assetId());
    assertNull(out.get(6).assetId());
    assertEquals("ethereum", out.get(6).accountChain());
    assertNull(out.get(7).assetId());
    assertEquals(batch.get(8).assetId(), out.get(8).assetId());
    assertEquals(batch.get(9).assetId(), out.get(9).assetId());

    assertEquals(3, fx.countAssets(evm), "USDC before, USDT on ethereum and on bsc");
    assertEquals(1, fx.countAssets(tron));
    assertEquals(0, fx.countAssets(inactive) + fx.countAssets(foreign));
  }

  @Test
  @DisplayName("the statement applies the chain rules exactly as the registry does, for every account chain, symbol and requested chain")
  void sqlAgreesWithRegistry() throws Exception {
    Fixtures.TestClient me = fx.client();
    List<String> keys = AddRequest.allKeys(REGISTRY);
    List<AddRequest> batch = new ArrayList<>();
    List<String> accountChains = new ArrayList<>();
    for (Chain chain : REGISTRY.chains().values()) {
      String account = fx.account(me.clientId(), chain.name(), chain.family());
      for (String key : keys) {
        batch.add(req(me.clientId(), account, AddRequest.symbolOf(key), AddRequest.chainOf(key)));
        accountChains.add(chain.name());
      }
    }
    List<AssetStorage.AddOutcome> out = await(storage.addBatch(batch));
    int created = 0;
    for (int i = 0; i < batch.size(); i++) {
      AddRequest r = batch.get(i);
      RegistryEntry expected = REGISTRY.resolve(accountChains.get(i), r.symbol(), r.requestedChain()).entry();
      // a second request for the same (account, asset chain, symbol) is a duplicate, not a new row
      boolean duplicate = false;
      for (int j = 0; j < i && expected != null; j++) {
        RegistryEntry earlier = REGISTRY.resolve(accountChains.get(j), batch.get(j).symbol(),
            batch.get(j).requestedChain()).entry();
        duplicate |= batch.get(j).accountId().equals(r.accountId()) && expected.equals(earlier);
      }
      boolean inserted = out.get(i).assetId() != null;
      String what = r + " on a " + accountChains.get(i) + " account";
      assertEquals(expected != null && !duplicate, inserted, what);
      if (inserted) {
        created++;
        var row = fx.assetRow(r.assetId());
        assertEquals(expected.chain(), row.getString("chain"));
        assertEquals(expected.decimals(), row.getInteger("decimals"));
        assertEquals(expected.contractAddress(), row.getString("contract_address"));
        assertEquals(expected.assetType(), row.getString("asset_type"));
      }
    }
    assertEquals(countDistinctOffers(), created, "every asset each account may hold, once");
  }

  /** How many (account, chain, symbol) rows the test above can create: each account, every entry it may hold. */
  private static int countDistinctOffers() {
    int total = 0;
    for (Chain account : REGISTRY.chains().values()) {
      for (RegistryEntry e : REGISTRY.entries()) {
        boolean holds = account.isEvm() ? REGISTRY.chain(e.chain()).orElseThrow().isEvm() : e.chain().equals(account.name());
        total += holds ? 1 : 0;
      }
    }
    return total;
  }

  @Test
  @DisplayName("the writer coalesces queued requests; one row the database refuses fails alone, its neighbours commit")
  void writerIsolatesFailures() throws Exception {
    Fixtures.TestClient me = fx.client();
    String evm = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    String clash = Ids.asset();
    // requests 1 and 2 share an asset_id: their statement fails on the primary key as a whole
    List<AddRequest> requests = List.of(
        req(me.clientId(), evm, "ETH", "ethereum"),
        new AddRequest(clash, me.clientId(), evm, "USDT", "ethereum"),
        new AddRequest(clash, me.clientId(), evm, "USDC", "ethereum"),
        req(me.clientId(), evm, "ETH", "base"),
        req(me.clientId(), evm, "USDT", "ethereum"));
    List<Integer> batchSizes = new ArrayList<>();
    AssetWriter writer = new AssetWriter(batch -> {
      batchSizes.add(batch.size());
      return storage.addBatch(batch);
    }, 256, 1);
    Promise<List<Future<AssetStorage.AddOutcome>>> issued = Promise.promise();
    vertx.runOnContext(v -> issued.complete(requests.stream().map(writer::add).toList()));
    List<Future<AssetStorage.AddOutcome>> outcomes = await(issued.future());
    await(Future.join(outcomes).transform(done -> Future.succeededFuture())); // all settled, one failed

    assertEquals(requests.get(0).assetId(), outcomes.get(0).result().assetId(), "first request goes out alone at once");
    assertEquals(clash, outcomes.get(1).result().assetId(), "the first of the clashing pair commits on retry");
    assertTrue(outcomes.get(2).failed(), "only the row the database refuses fails");
    assertEquals(requests.get(3).assetId(), outcomes.get(3).result().assetId());
    assertNull(outcomes.get(4).result().assetId(), "USDT on ethereum was taken by request 1: already exists");
    assertEquals(List.of(1, 4, 1, 1, 1, 1), batchSizes,
        "one alone, the four queued together, then each of those four on its own after the failure");
    assertEquals(3, fx.countAssets(evm));
  }
}
