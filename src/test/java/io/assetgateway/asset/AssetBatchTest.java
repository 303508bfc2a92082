package io.assetgateway.asset;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.registry.Chain;
import io.assetgateway.registry.RegistryEntry;
import io.assetgateway.registry.AssetRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.common.Ids;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.assetgateway.web.ErrorMapping;
import io.assetgateway.web.NotAppliedException;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
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
    try {
      // written before any test, so that a test holding an open transaction never writes them for the others
      await(storage.publishCandidates());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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

  @Test
  @DisplayName("a server with another registry file reads its own candidates: values with quotes, backslashes, commas and braces reach the row unchanged, next to the bundled registry's")
  void registriesSideBySide() throws Exception {
    String tricky = "Tether \"USD\" 'T' \\ back,slash {x} NULL";
    JsonObject root = new JsonObject(java.nio.file.Files.readString(java.nio.file.Path.of("conf/asset-registry.json")));
    int renamed = 0;
    for (Object o : root.getJsonArray("assets")) {
      JsonObject asset = (JsonObject) o;
      if ("ethereum".equals(asset.getString("chain")) && "USDT".equals(asset.getString("symbol"))) {
        asset.put("name", tricky);
        renamed++;
      }
    }
    assertEquals(1, renamed);
    AssetRegistry changed = AssetRegistry.parse(root.encode(), "test registry");
    assertNotEquals(AssetStorage.registryId(AssetStorage.candidateRows(REGISTRY)),
        AssetStorage.registryId(AssetStorage.candidateRows(changed)), "one changed name, another registry id");
    AssetStorage custom = new AssetStorage(pool, changed);
    Fixtures.TestClient me = fx.client();
    String evm = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    String other = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    List<AssetStorage.AddOutcome> out = await(custom.addBatch(List.of(
        req(me.clientId(), evm, "USDT", "ethereum"), req(me.clientId(), evm, "USDC", "ethereum"))));
    assertEquals(tricky, fx.assetRow(out.get(0).assetId()).getString("name"));
    assertEquals("USD Coin", fx.assetRow(out.get(1).assetId()).getString("name"));
    List<AssetStorage.AddOutcome> bundled = await(storage.addBatch(List.of(req(me.clientId(), other, "USDT", "ethereum"))));
    assertEquals("Tether USD", fx.assetRow(bundled.get(0).assetId()).getString("name"));
  }

  @Test
  @DisplayName("a registry whose candidates are missing from the database (deleted) is written again and the batch still succeeds")
  void missingCandidatesAreWrittenAgain() throws Exception {
    AssetStorage copy = new AssetStorage(pool, REGISTRY);
    Fixtures.TestClient me = fx.client();
    String evm = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    await(copy.addBatch(List.of(req(me.clientId(), evm, "USDT", "ethereum"))));
    // every registry's: servers of this run that add an asset meanwhile write theirs again, as this one must
    fx.execute("DELETE FROM asset_candidates");
    List<AssetStorage.AddOutcome> out = await(copy.addBatch(List.of(req(me.clientId(), evm, "USDC", "ethereum"),
        req(me.clientId(), evm, "ETH", "ethereum"))));
    assertNotNull(out.get(0).assetId());
    assertNotNull(out.get(1).assetId());
    assertEquals("USD Coin", fx.assetRow(out.get(0).assetId()).getString("name"));
    List<String[]> rows = AssetStorage.candidateRows(REGISTRY);
    assertEquals(rows.size(), fx.count("SELECT count(*) FROM asset_candidates WHERE registry = $1",
        AssetStorage.registryId(rows)), "the whole candidate table, written again");
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
  @DisplayName("when a batch returns, the requests queued meanwhile leave for the database before its requests are answered")
  void nextBatchLeavesBeforeAnswers() throws Exception {
    List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Promise<List<AssetStorage.AddOutcome>>> statements = new ArrayList<>();
    AssetWriter writer = new AssetWriter(vertx, batch -> {
      events.add("sent " + batch.size());
      Promise<List<AssetStorage.AddOutcome>> statement = Promise.promise();
      statements.add(statement);
      return statement.future();
    }, new AssetWriter.Limits(256, 1, 1024, 10_000, 10_000));
    AssetStorage.AddOutcome added = new AssetStorage.AddOutcome(true, "wal_x", "ethereum", "ACTIVE", "ast_x",
        java.time.OffsetDateTime.now(), null);
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> {
      writer.add(req("cli_x", "acc_1", "ETH", "ethereum"), () -> false).onSuccess(o -> events.add("answered 1"));
      writer.add(req("cli_x", "acc_2", "ETH", "ethereum"), () -> false); // the slot is busy: these two queue
      writer.add(req("cli_x", "acc_3", "ETH", "ethereum"), () -> false);
      statements.get(0).complete(List.of(added));
      done.complete();
    });
    await(done.future());
    assertEquals(List.of("sent 1", "sent 2", "answered 1"), events);
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
    AssetWriter writer = new AssetWriter(vertx, batch -> {
      batchSizes.add(batch.size());
      return storage.addBatch(batch);
    }, new AssetWriter.Limits(256, 1, 1024, 10_000, 10_000));
    Promise<List<Future<AssetStorage.AddOutcome>>> issued = Promise.promise();
    vertx.runOnContext(v -> issued.complete(requests.stream().map(r -> writer.add(r, () -> false)).toList()));
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

  /** Adds on the writer's event loop (where it lives) and returns the futures. */
  static List<Future<AssetStorage.AddOutcome>> addAll(AssetWriter writer, List<AddRequest> requests,
      List<BooleanSupplier> answered) throws Exception {
    Promise<List<Future<AssetStorage.AddOutcome>>> issued = Promise.promise();
    vertx.runOnContext(v -> {
      List<Future<AssetStorage.AddOutcome>> out = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        out.add(writer.add(requests.get(i), answered.get(i)));
      }
      issued.complete(out);
    });
    return await(issued.future());
  }

  static void settle(List<Future<AssetStorage.AddOutcome>> outcomes) throws Exception {
    await(Future.join(outcomes).transform(done -> Future.succeededFuture()));
  }

  /** The real statement, held back until the gate opens: a database that does not answer yet. */
  static Function<List<AddRequest>, Future<List<AssetStorage.AddOutcome>>> gated(Promise<Void> gate,
      List<Integer> batchSizes) {
    return batch -> {
      batchSizes.add(batch.size());
      return gate.future().compose(v -> storage.addBatch(batch));
    };
  }

  static void assertNotApplied(Future<?> outcome, String what) {
    assertTrue(outcome.failed(), what + " should have been refused");
    assertInstanceOf(NotAppliedException.class, outcome.cause(), what);
  }

  @Test
  @DisplayName("admission is bounded: a full queue refuses at once (503, not applied), and a request answered meanwhile is dropped unsent and frees its place")
  void boundedAdmission() throws Exception {
    Fixtures.TestClient me = fx.client();
    String evm = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    Promise<Void> gate = Promise.promise();
    List<Integer> batchSizes = new ArrayList<>();
    AssetWriter writer = new AssetWriter(vertx, gated(gate, batchSizes), new AssetWriter.Limits(256, 1, 2, 60_000, 10_000));
    AtomicBoolean secondAnswered = new AtomicBoolean();
    List<AddRequest> first = List.of(
        req(me.clientId(), evm, "ETH", "ethereum"),   // goes out at once, held at the gate
        req(me.clientId(), evm, "USDT", "ethereum"),  // queued; its caller is answered (times out) meanwhile
        req(me.clientId(), evm, "USDC", "ethereum"),  // queued: the queue is full
        req(me.clientId(), evm, "ETH", "base"));      // refused at once
    List<Future<AssetStorage.AddOutcome>> out = addAll(writer, first,
        List.of(() -> false, secondAnswered::get, () -> false, () -> false));
    assertNotApplied(out.get(3), "the request beyond the queue bound");
    assertFalse(out.get(0).isComplete() || out.get(1).isComplete() || out.get(2).isComplete());

    secondAnswered.set(true);
    AddRequest late = req(me.clientId(), evm, "ETH", "arbitrum");
    List<Future<AssetStorage.AddOutcome>> lateOut = addAll(writer, List.of(late), List.of(() -> false));
    assertFalse(lateOut.get(0).failed(), "the answered request's place was taken back, so this one is admitted");

    gate.complete();
    settle(out);
    settle(lateOut);
    assertEquals(first.get(0).assetId(), out.get(0).result().assetId());
    assertNotApplied(out.get(1), "the request answered while it waited");
    assertEquals(first.get(2).assetId(), out.get(2).result().assetId());
    assertEquals(late.assetId(), lateOut.get(0).result().assetId());
    assertEquals(List.of(1, 2), batchSizes, "the answered and the refused request were never sent");
    assertEquals(3, fx.countAssets(evm));
  }

  @Test
  @DisplayName("a request whose caller was answered while it waited (timed out, or gone) is never sent")
  void answeredRequestsAreNotSent() throws Exception {
    Fixtures.TestClient me = fx.client();
    String evm = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    Promise<Void> gate = Promise.promise();
    List<Integer> batchSizes = new ArrayList<>();
    AssetWriter writer = new AssetWriter(vertx, gated(gate, batchSizes), new AssetWriter.Limits(256, 1, 100, 60_000, 10_000));
    AtomicBoolean answered = new AtomicBoolean();
    List<AddRequest> requests = List.of(req(me.clientId(), evm, "ETH", "ethereum"),
        req(me.clientId(), evm, "USDT", "ethereum"), req(me.clientId(), evm, "USDC", "ethereum"));
    List<Future<AssetStorage.AddOutcome>> out = addAll(writer, requests, List.of(() -> false, answered::get, () -> false));
    answered.set(true);
    gate.complete();
    settle(out);
    assertEquals(requests.get(0).assetId(), out.get(0).result().assetId());
    assertNotApplied(out.get(1), "the answered request");
    assertEquals(requests.get(2).assetId(), out.get(2).result().assetId());
    assertEquals(List.of(1, 1), batchSizes, "the answered request was left out of the second batch");
    assertEquals(2, fx.countAssets(evm));
  }

  @Test
  @DisplayName("a request that waited longer than the queue bound is refused (503, not applied) and never sent, even after the database answers again")
  void queueWaitIsBounded() throws Exception {
    Fixtures.TestClient me = fx.client();
    String evm = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    Promise<Void> gate = Promise.promise();
    List<Integer> batchSizes = new ArrayList<>();
    AssetWriter writer = new AssetWriter(vertx, gated(gate, batchSizes), new AssetWriter.Limits(256, 1, 100, 300, 10_000));
    List<AddRequest> requests = List.of(req(me.clientId(), evm, "ETH", "ethereum"),
        req(me.clientId(), evm, "USDT", "ethereum"), req(me.clientId(), evm, "USDC", "ethereum"));
    List<Future<AssetStorage.AddOutcome>> out = new ArrayList<>(addAll(writer, requests.subList(0, 2),
        List.of(() -> false, () -> false)));
    Thread.sleep(150); // the third arrives later, so it expires after the second: the expiry timer re-arms for it
    out.addAll(addAll(writer, requests.subList(2, 3), List.of(() -> false)));
    // answered by the writer's own timer while the first batch still hangs
    Future.join(out.subList(1, 3)).toCompletionStage().toCompletableFuture().handle((r, e) -> null).get(5, TimeUnit.SECONDS);
    assertFalse(out.get(0).isComplete(), "the first is still waiting for the database");
    assertNotApplied(out.get(1), "queued past the bound");
    assertNotApplied(out.get(2), "queued past the bound");

    gate.complete();
    settle(out);
    assertEquals(requests.get(0).assetId(), out.get(0).result().assetId());
    assertEquals(List.of(1), batchSizes, "the expired requests were never sent");
    assertEquals(1, fx.countAssets(evm));
  }

  @Test
  @DisplayName("the one-by-one retry of a failed batch stops at its budget; the requests it did not reach are refused, never written")
  void retryHasABudget() throws Exception {
    Fixtures.TestClient me = fx.client();
    String evm = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    String first = Ids.asset();
    List<AddRequest> requests = List.of(
        req(me.clientId(), evm, "ETH", "ethereum"),                       // alone, at once
        new AddRequest(first, me.clientId(), evm, "USDT", "ethereum"),    // these four fail together: the next
        new AddRequest("ast_\u0000", me.clientId(), evm, "USDC", "ethereum"), // id cannot be stored (NUL, 22021)
        req(me.clientId(), evm, "ETH", "base"),
        req(me.clientId(), evm, "ETH", "arbitrum"));
    List<Integer> batchSizes = new ArrayList<>();
    AtomicInteger statements = new AtomicInteger();
    // every statement after the first two is slow: the first retry alone outlasts the 100 ms budget
    AssetWriter writer = new AssetWriter(vertx, batch -> {
      batchSizes.add(batch.size());
      return statements.incrementAndGet() <= 2 ? storage.addBatch(batch)
          : vertx.timer(400).compose(t -> storage.addBatch(batch));
    }, new AssetWriter.Limits(256, 1, 100, 60_000, 100));
    List<Future<AssetStorage.AddOutcome>> out = addAll(writer, requests, java.util.Collections.nCopies(5, () -> false));
    settle(out);

    assertEquals(requests.get(0).assetId(), out.get(0).result().assetId());
    assertEquals(first, out.get(1).result().assetId(), "the first request of the failed batch was retried in budget");
    for (int i = 2; i < 5; i++) {
      assertNotApplied(out.get(i), "request " + i + " after the budget ran out");
    }
    assertEquals(List.of(1, 4, 1), batchSizes, "one retry, then the budget was spent");
    assertEquals(2, fx.countAssets(evm));
  }

  @Test
  @DisplayName("a batch PostgreSQL cancels (statement_timeout, 57014) fails as 'not applied' at once, without a row-by-row retry")
  void cancelledBatchIsNotRetried() throws Exception {
    Fixtures.TestClient me = fx.client();
    String evm = fx.account(me.clientId(), "ethereum", ChainFamily.EVM);
    Pool impatient = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
        .connectingTo(TestDatabase.url().connectOptions().addProperty("statement_timeout", "300")).using(vertx).build();
    AssetStorage slowStorage = new AssetStorage(impatient, REGISTRY);
    // an open transaction holds the unique key of (evm, ethereum, USDT): every insert of it waits
    io.vertx.sqlclient.SqlConnection blocker = await(pool.getConnection());
    try {
      await(blocker.query("BEGIN").execute());
      await(new AssetStorage(blocker, REGISTRY).addBatch(List.of(req(me.clientId(), evm, "USDT", "ethereum"))));
      List<Integer> batchSizes = new ArrayList<>();
      AssetWriter writer = new AssetWriter(vertx, batch -> {
        batchSizes.add(batch.size());
        return slowStorage.addBatch(batch);
      }, new AssetWriter.Limits(256, 1, 100, 60_000, 60_000));
      List<AddRequest> requests = List.of(req(me.clientId(), evm, "USDT", "ethereum"),
          req(me.clientId(), evm, "USDT", "ethereum"), req(me.clientId(), evm, "ETH", "ethereum"));
      List<Future<AssetStorage.AddOutcome>> out = addAll(writer, requests, List.of(() -> false, () -> false, () -> false));
      settle(out);
      for (Future<AssetStorage.AddOutcome> f : out) {
        assertTrue(f.failed());
        assertEquals("57014", ((PgException) f.cause()).getSqlState());
        assertTrue(ErrorMapping.surelyNotApplied(f.cause()), "answered 503 'not applied', retryable");
      }
      assertEquals(List.of(1, 2), batchSizes, "a cancelled batch is not retried row by row");
    } finally {
      await(blocker.query("ROLLBACK").execute());
      await(blocker.close());
      await(impatient.close());
    }
    assertEquals(0, fx.countAssets(evm));
  }
}
