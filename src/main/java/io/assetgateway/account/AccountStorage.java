package io.assetgateway.account;

import io.assetgateway.db.Pools;
import io.assetgateway.web.Page;
import io.assetgateway.web.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** All SQL on the accounts table and its per-(wallet, chain) derivation counters. */
final class AccountStorage {
  private static final String COLUMNS =
      "account_id, wallet_id, client_id, chain, address, network, address_type, label, status, created_at";
  private static final String NEXT_INDEX = """
      INSERT INTO wallet_address_counters (wallet_id, chain, next_index) VALUES ($1, $2, 1)
      ON CONFLICT (wallet_id, chain) DO UPDATE SET next_index = wallet_address_counters.next_index + 1
      RETURNING next_index - 1 AS index""";
  private static final String INSERT = """
      INSERT INTO accounts (account_id, wallet_id, client_id, chain, network, address, account_type, address_type,
                            label, status, derivation_index)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, 'ACTIVE', $9)
      RETURNING\s""" + COLUMNS;
  private static final String FIND = "SELECT " + COLUMNS + " FROM accounts WHERE account_id = $1 AND client_id = $2";
  /**
   * A client's accounts: the total from the counters (V12), the page's ids from an index-only walk of
   * accounts_by_client (skipped when the offset is past the total), then only the page's rows read whole.
   */
  private static final String LIST = Pools.PLANNED_PER_CALL + """
      WITH counted AS (
        SELECT coalesce(sum(n), 0)::bigint AS total FROM account_counts WHERE client_id = $1
      ), page AS (
        SELECT account_id FROM accounts
        WHERE client_id = $1 AND $3 < (SELECT total FROM counted)
        ORDER BY created_at DESC, account_id DESC LIMIT $2 OFFSET $3
      )
      SELECT p.*, counted.total FROM counted
      LEFT JOIN (SELECT r.* FROM page CROSS JOIN LATERAL (
        SELECT %s FROM accounts WHERE account_id = page.account_id LIMIT 1) r) p ON true
      ORDER BY p.created_at DESC, p.account_id DESC""".formatted(COLUMNS);
  /**
   * One wallet's accounts, the same way over accounts_by_wallet. A non-zero total proves the wallet is the
   * caller's (accounts reference their wallet with its client), so the walk needs no client column.
   */
  private static final String LIST_OF_WALLET = Pools.PLANNED_PER_CALL + """
      WITH counted AS (
        SELECT coalesce(sum(n), 0)::bigint AS total FROM account_counts WHERE client_id = $1 AND wallet_id = $2
      ), page AS (
        SELECT account_id FROM accounts
        WHERE wallet_id = $2 AND $4 < (SELECT total FROM counted)
        ORDER BY created_at DESC, account_id DESC LIMIT $3 OFFSET $4
      )
      SELECT p.*, counted.total FROM counted
      LEFT JOIN (SELECT r.* FROM page CROSS JOIN LATERAL (
        SELECT %s FROM accounts WHERE account_id = page.account_id AND client_id = $1 LIMIT 1) r) p ON true
      ORDER BY p.created_at DESC, p.account_id DESC""".formatted(COLUMNS);
  private static final String INSERT_ACTIVE_BATCH = """
      WITH counters AS (
        INSERT INTO wallet_address_counters (wallet_id, chain, next_index)
        SELECT wallet_id, $2, max(derivation_index) + 1
        FROM unnest($6::text[], $8::int[]) AS a(wallet_id, derivation_index) GROUP BY wallet_id
        ON CONFLICT (wallet_id, chain) DO UPDATE
          SET next_index = greatest(wallet_address_counters.next_index, excluded.next_index)
      )
      INSERT INTO accounts (account_id, wallet_id, client_id, chain, network, address, account_type, address_type,
                            status, derivation_index)
      SELECT a.account_id, a.wallet_id, $1, $2, $3, a.address, $4, $4, 'ACTIVE', a.derivation_index
      FROM unnest($5::text[], $6::text[], $7::text[], $8::int[]) AS a(account_id, wallet_id, address, derivation_index)""";
  private static final String SET_STATUS = """
      UPDATE accounts SET status = $2, updated_at = now() WHERE account_id = $1 RETURNING status""";

  private static final String SIGNING_KEY = """
      SELECT a.account_id, a.wallet_id, a.derivation_index, w.encrypted_seed
      FROM accounts a JOIN wallets w ON w.wallet_id = a.wallet_id
      WHERE a.account_id = $1""";

  private final SqlClient db;

  AccountStorage(SqlClient db) {
    this.db = db;
  }

  /** Hands out the next derivation index of (wallet, chain); the row lock serialises concurrent creators. */
  Future<Integer> nextIndex(String walletId, String chain) {
    return db.preparedQuery(NEXT_INDEX).execute(Tuple.of(walletId, chain))
        .map(rows -> rows.iterator().next().getInteger("index"));
  }

  /** Inserts one ACTIVE account. */
  Future<Account> insert(String accountId, String walletId, String clientId, String chain, String network,
      String address, AccountType type, String label, int derivationIndex) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {accountId, walletId, clientId, chain, network, address, type.name(), label,
            derivationIndex}))
        .map(rows -> mapToAccount(rows.iterator().next()));
  }

  /** The caller's account, or empty (also for another client's account). */
  Future<Optional<Account>> find(String clientId, String accountId) {
    return db.preparedQuery(FIND).execute(Tuple.of(accountId, clientId)).map(AccountStorage::first);
  }

  /** The caller's accounts, optionally of one wallet, newest first. */
  Future<Page<Account>> list(String clientId, String walletId, PageRequest page) {
    return walletId == null ? Page.fetch(db, LIST, page, AccountStorage::mapToAccount, clientId)
        : Page.fetch(db, LIST_OF_WALLET, page, AccountStorage::mapToAccount, clientId, walletId);
  }

  /** Inserts ACTIVE accounts of one chain in one statement and advances the wallets' counters (load-test seeding). */
  Future<Void> insertActive(String clientId, String chain, String network, AccountType type,
      List<NewAccount> accounts) {
    return db.preparedQuery(INSERT_ACTIVE_BATCH).execute(Tuple.of(clientId, chain, network, type.name(),
            accounts.stream().map(NewAccount::accountId).toArray(String[]::new),
            accounts.stream().map(NewAccount::walletId).toArray(String[]::new),
            accounts.stream().map(NewAccount::address).toArray(String[]::new),
            accounts.stream().map(NewAccount::derivationIndex).toArray(Integer[]::new)))
        .mapEmpty();
  }

  /** Sets an account's status; empty when there is no such account. */
  Future<Optional<AccountStatus>> setStatus(String accountId, AccountStatus status) {
    return db.preparedQuery(SET_STATUS).execute(Tuple.of(accountId, status.name())).map(rows -> rows.size() == 0
        ? Optional.empty() : Optional.of(AccountStatus.valueOf(rows.iterator().next().getString("status"))));
  }

  /** The sealed seed and index an account's key derives from; empty without a seed or an index. */
  Future<Optional<SigningKey>> signingKey(String accountId) {
    return db.preparedQuery(SIGNING_KEY).execute(Tuple.of(accountId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      io.vertx.core.buffer.Buffer seed = row.getBuffer("encrypted_seed");
      Integer index = row.getInteger("derivation_index");
      return seed == null || index == null ? Optional.empty() : Optional.of(
          new SigningKey(row.getString("account_id"), row.getString("wallet_id"), seed.getBytes(), index));
    });
  }

  private static Optional<Account> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(mapToAccount(rows.iterator().next()));
  }

  private static Account mapToAccount(Row row) {
    return new Account(row.getString("account_id"), row.getString("wallet_id"), row.getString("client_id"),
        row.getString("chain"), row.getString("address"), row.getString("network"), row.getString("address_type"),
        row.getString("label"), AccountStatus.valueOf(row.getString("status")), row.getOffsetDateTime("created_at"));
  }

  /** An account row to insert. */
  record NewAccount(String accountId, String walletId, String address, int derivationIndex) {}
}
