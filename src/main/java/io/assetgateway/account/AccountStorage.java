package io.assetgateway.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;

/** All SQL on the accounts table. */
public final class AccountStorage {
  private static final String INSERT_ACTIVE_BATCH = """
      INSERT INTO accounts (account_id, wallet_id, client_id, chain, network, address, address_type, status,
                            derivation_index)
      SELECT a.account_id, a.wallet_id, $1, $2, $3, a.address, $4, 'ACTIVE', a.derivation_index
      FROM unnest($5::text[], $6::text[], $7::text[], $8::int[]) AS a(account_id, wallet_id, address, derivation_index)""";
  private static final String SET_STATUS = """
      UPDATE accounts SET status = $2, updated_at = now() WHERE account_id = $1 RETURNING status""";

  private final SqlClient db;

  public AccountStorage(SqlClient db) {
    this.db = db;
  }

  /** Inserts ACTIVE accounts of one chain in one statement (load-test seeding). */
  public Future<Void> insertActive(String clientId, String chain, String network, String addressType,
      List<NewAccount> accounts) {
    return db.preparedQuery(INSERT_ACTIVE_BATCH).execute(Tuple.of(clientId, chain, network, addressType,
            accounts.stream().map(NewAccount::accountId).toArray(String[]::new),
            accounts.stream().map(NewAccount::walletId).toArray(String[]::new),
            accounts.stream().map(NewAccount::address).toArray(String[]::new),
            accounts.stream().map(NewAccount::derivationIndex).toArray(Integer[]::new)))
        .mapEmpty();
  }

  /** Sets an account's status; empty when there is no such account. */
  public Future<Optional<String>> setStatus(String accountId, String status) {
    return db.preparedQuery(SET_STATUS).execute(Tuple.of(accountId, status))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("status")));
  }

  /** An account row to insert. */
  public record NewAccount(String accountId, String walletId, String address, int derivationIndex) {}
}
