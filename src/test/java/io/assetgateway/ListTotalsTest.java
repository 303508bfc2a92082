package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.account.Account;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Lists read their totals from per-owner counters (V12) and their pages from an index walk: every page, filter and
 * concurrent write must still give exactly what counting the rows gives.
 */
@DisplayName("List pages and their totals")
class ListTotalsTest {
  /** (chain, symbol) pairs an ethereum account may hold. */
  private static final List<String[]> EVM_PAIRS = List.of(new String[] {"ethereum", "USDT"},
      new String[] {"ethereum", "ETH"}, new String[] {"bsc", "BNB"}, new String[] {"polygon", "USDC"},
      new String[] {"arbitrum", "ETH"}, new String[] {"base", "USDC"});
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
  }

  private static JsonObject asset(String accountId, String[] pair) {
    return new JsonObject().put("account_id", accountId).put("chain", pair[0]).put("symbol", pair[1]);
  }

  /** Adds every pair to every account, all requests at once (so batches share created_at); returns the 2xx count. */
  private static long addAll(String token, List<Account> accounts, List<String[]> pairs) {
    List<JsonObject> bodies = new ArrayList<>();
    for (String[] pair : pairs) {
      accounts.forEach(a -> bodies.add(asset(a.accountId(), pair)));
    }
    return api.postAllAtOnce(token, "/api/v1/assets", bodies).stream().filter(t -> t.reply().status() == 200).count();
  }

  private static List<String> ids(JsonObject page, String key) {
    return page.getJsonArray("data").stream().map(o -> ((JsonObject) o).getString(key)).toList();
  }

  /**
   * Walks every page of a list at this page size and checks each against the rows in newest-first order:
   * the page's ids, the exact total and has_more; then the page after the last and one far past it.
   */
  private static void assertPages(String token, String path, String key, int size, List<String> expected) {
    String sep = path.contains("?") ? "&" : "?";
    int pages = (expected.size() + size - 1) / size;
    for (int p = 1; p <= pages + 1; p++) {
      JsonObject page = api.get(token, path + sep + "page=" + p + "&page_size=" + size).json();
      int from = Math.min(expected.size(), (p - 1) * size);
      int to = Math.min(expected.size(), p * size);
      String where = path + " page " + p + " of size " + size;
      assertEquals(expected.subList(from, to), ids(page, key), where);
      assertEquals(expected.size(), page.getLong("total"), where);
      assertEquals(to < expected.size(), page.getBoolean("has_more"), where);
    }
    JsonObject far = api.get(token, path + sep + "page=10000000&page_size=100").json();
    assertEquals(List.of(), ids(far, key), path + " far past the end");
    assertEquals(expected.size(), far.getLong("total"), path + " far past the end");
    assertFalse(far.getBoolean("has_more"), path + " far past the end");
  }

  @Test
  @DisplayName("assets: every page newest first (ties by id), exact total and has_more, per client and per account")
  void assetPages() {
    Fixtures.TestClient client = fx.client();
    Fixtures.TestClient other = fx.client();
    String token = api.bearer(client);
    String otherToken = api.bearer(other);
    List<Account> accounts = fx.accounts(client.clientId(), "ethereum", 5, 2);
    List<Account> otherAccounts = fx.accounts(other.clientId(), "ethereum", 2, 1);
    assertEquals(30, addAll(token, accounts, EVM_PAIRS));
    assertEquals(4, addAll(otherToken, otherAccounts, EVM_PAIRS.subList(0, 2)));
    // the same pair again is refused and must not count
    assertEquals(0, addAll(token, accounts.subList(0, 2), EVM_PAIRS.subList(0, 1)));

    // whole seconds: rows share created_at, so the id decides their order
    fx.execute("UPDATE assets SET created_at = date_trunc('second', created_at) WHERE client_id = $1",
        client.clientId());
    assertTrue(fx.count("SELECT count(DISTINCT created_at) FROM assets WHERE client_id = $1", client.clientId()) < 30);
    List<String> newestFirst = fx.ids("SELECT asset_id FROM assets WHERE client_id = $1"
        + " ORDER BY created_at DESC, asset_id DESC", client.clientId());
    assertEquals(30, newestFirst.size());
    for (int size : new int[] {1, 7, 10, 30, 100}) {
      assertPages(token, "/api/v1/assets", "asset_id", size, newestFirst);
    }
    JsonObject defaults = api.get(token, "/api/v1/assets").json();
    assertEquals(newestFirst.subList(0, 10), ids(defaults, "asset_id"), "page 1 of 10 by default");

    Account account = accounts.get(3);
    List<String> ofAccount = fx.ids("SELECT asset_id FROM assets WHERE account_id = $1"
        + " ORDER BY created_at DESC, asset_id DESC", account.accountId());
    assertEquals(6, ofAccount.size());
    assertPages(token, "/api/v1/assets?account_id=" + account.accountId(), "asset_id", 4, ofAccount);

    // another client's rows: never listed, never counted, not even through its account's id
    assertPages(token, "/api/v1/assets?account_id=" + otherAccounts.get(0).accountId(), "asset_id", 10, List.of());
    assertPages(otherToken, "/api/v1/assets", "asset_id", 3, fx.ids("SELECT asset_id FROM assets"
        + " WHERE client_id = $1 ORDER BY created_at DESC, asset_id DESC", other.clientId()));
  }

  @Test
  @DisplayName("accounts: every page of the client's and of one wallet's, exact total and has_more")
  void accountPages() {
    Fixtures.TestClient client = fx.client();
    Fixtures.TestClient other = fx.client();
    String token = api.bearer(client);
    List<Account> seeded = new ArrayList<>(fx.accounts(client.clientId(), "ethereum", 9, 2));
    seeded.addAll(fx.accounts(client.clientId(), "tron", 4, 1));
    List<Account> otherAccounts = fx.accounts(other.clientId(), "ethereum", 3, 1);

    List<String> newestFirst = fx.ids("SELECT account_id FROM accounts WHERE client_id = $1"
        + " ORDER BY created_at DESC, account_id DESC", client.clientId());
    assertEquals(13, newestFirst.size());
    for (int size : new int[] {1, 4, 13, 100}) {
      assertPages(token, "/api/v1/accounts", "account_id", size, newestFirst);
    }
    for (String walletId : seeded.stream().map(Account::walletId).collect(Collectors.toSet())) {
      List<String> ofWallet = fx.ids("SELECT account_id FROM accounts WHERE wallet_id = $1"
          + " ORDER BY created_at DESC, account_id DESC", walletId);
      assertFalse(ofWallet.isEmpty());
      assertPages(token, "/api/v1/accounts?wallet_id=" + walletId, "account_id", 2, ofWallet);
    }
    assertPages(token, "/api/v1/accounts?wallet_id=" + otherAccounts.get(0).walletId(), "account_id", 10, List.of());
  }

  @Test
  @DisplayName("wallets: every page, exact total and has_more")
  void walletPages() {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    for (int i = 0; i < 5; i++) {
      fx.wallet(client.clientId());
    }
    fx.wallet(fx.client().clientId());
    List<String> newestFirst = fx.ids("SELECT wallet_id FROM wallets WHERE client_id = $1"
        + " ORDER BY created_at DESC, wallet_id DESC", client.clientId());
    assertEquals(5, newestFirst.size());
    assertPages(token, "/api/v1/wallets", "wallet_id", 2, newestFirst);
    assertPages(api.bearer(fx.client()), "/api/v1/wallets", "wallet_id", 10, List.of());
  }

  @Test
  @DisplayName("concurrent Add Asset and account bursts of two clients keep every total equal to count(*)")
  void countersUnderConcurrency() {
    Fixtures.TestClient first = fx.client();
    Fixtures.TestClient second = fx.client("Second", 10, List.of());
    String firstToken = api.bearer(first);
    String secondToken = api.bearer(second);
    List<Account> firstAccounts = fx.accounts(first.clientId(), "ethereum", 40, 3);
    List<Account> secondAccounts = fx.accounts(second.clientId(), "ethereum", 20, 1);

    // both clients' requests in flight together, so batches carry rows of both; every tenth one is a duplicate
    List<JsonObject> firstBodies = new ArrayList<>();
    List<JsonObject> secondBodies = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (String[] pair : EVM_PAIRS.subList(round * 2, round * 2 + 2)) {
        firstAccounts.forEach(a -> firstBodies.add(asset(a.accountId(), pair)));
        secondAccounts.forEach(a -> secondBodies.add(asset(a.accountId(), pair)));
      }
      int distinct = firstBodies.size();
      for (int i = 0; i < distinct; i += 10) {
        firstBodies.add(firstBodies.get(i));
      }
      var firstBurst = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> api.postAllAtOnce(firstToken, "/api/v1/assets", firstBodies));
      var secondBurst = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> api.postAllAtOnce(secondToken, "/api/v1/assets", secondBodies));
      Set<Integer> statuses = new java.util.HashSet<>();
      firstBurst.join().forEach(t -> statuses.add(t.reply().status()));
      secondBurst.join().forEach(t -> statuses.add(t.reply().status()));
      assertEquals(Set.of(200, 400), statuses, "created, or asset_already_exists for a repeat");
      firstBodies.clear();
      secondBodies.clear();
      for (Fixtures.TestClient c : List.of(first, second)) {
        String token = c == first ? firstToken : secondToken;
        long rows = fx.count("SELECT count(*) FROM assets WHERE client_id = $1", c.clientId());
        assertEquals((round + 1) * 2L * (c == first ? 40 : 20), rows);
        assertEquals(rows, api.get(token, "/api/v1/assets").json().getLong("total"), "round " + round);
        assertEquals(rows, fx.count("SELECT sum(n)::bigint FROM asset_counts WHERE client_id = $1", c.clientId()));
      }
    }
    assertTrue(fx.count("SELECT count(*) FROM asset_counts WHERE client_id = $1", first.clientId()) <= 64,
        "at most one counter row per shard");

    // accounts created through the API at once, in one wallet
    String walletId = firstAccounts.get(0).walletId();
    List<JsonObject> accountBodies = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      accountBodies.add(new JsonObject().put("wallet_id", walletId).put("chain", i % 2 == 0 ? "ethereum" : "tron"));
    }
    api.postAllAtOnce(firstToken, "/api/v1/accounts", accountBodies)
        .forEach(t -> assertEquals(200, t.reply().status(), t.reply()::toString));
    long ofWallet = fx.count("SELECT count(*) FROM accounts WHERE wallet_id = $1", walletId);
    assertEquals(fx.count("SELECT count(*) FROM accounts WHERE client_id = $1", first.clientId()),
        api.get(firstToken, "/api/v1/accounts").json().getLong("total"));
    assertEquals(ofWallet, api.get(firstToken, "/api/v1/accounts?wallet_id=" + walletId).json().getLong("total"));
  }

  @Test
  @DisplayName("a deleted row leaves the totals; a row never moves to another owner")
  void deletesAndOwners() {
    Fixtures.TestClient client = fx.client();
    Fixtures.TestClient other = fx.client();
    String token = api.bearer(client);
    List<Account> accounts = fx.accounts(client.clientId(), "ethereum", 3, 1);
    assertEquals(6, addAll(token, accounts, EVM_PAIRS.subList(0, 2)));
    fx.execute("DELETE FROM assets WHERE account_id = $1", accounts.get(0).accountId());
    assertEquals(4, api.get(token, "/api/v1/assets").json().getLong("total"));
    fx.execute("DELETE FROM assets WHERE account_id = $1", accounts.get(1).accountId());
    fx.execute("DELETE FROM accounts WHERE account_id = $1", accounts.get(1).accountId());
    assertEquals(2, api.get(token, "/api/v1/assets").json().getLong("total"));
    assertEquals(2, api.get(token, "/api/v1/accounts").json().getLong("total"));
    assertEquals(2, api.get(token, "/api/v1/accounts?wallet_id=" + accounts.get(0).walletId()).json()
        .getLong("total"));

    String otherWallet = fx.wallet(other.clientId());
    IllegalStateException moved = assertThrows(IllegalStateException.class, () -> fx.execute(
        "UPDATE accounts SET client_id = $1, wallet_id = $2 WHERE account_id = $3", other.clientId(), otherWallet,
        accounts.get(0).accountId()));
    assertTrue(moved.getMessage().contains("never changes"), moved.getMessage());
    IllegalStateException assetMoved = assertThrows(IllegalStateException.class, () -> fx.execute(
        "UPDATE assets SET client_id = $1 WHERE account_id = $2", other.clientId(), accounts.get(2).accountId()));
    assertTrue(assetMoved.getMessage().contains("never changes"), assetMoved.getMessage());
    fx.execute("UPDATE assets SET is_active = false WHERE account_id = $1", accounts.get(2).accountId());
    assertEquals(2, api.get(token, "/api/v1/assets").json().getLong("total"), "other updates are free");
  }
}
