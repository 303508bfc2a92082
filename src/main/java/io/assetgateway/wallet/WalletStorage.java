package io.assetgateway.wallet;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** All SQL on the wallets table. */
public final class WalletStorage {
  private static final String INSERT_ACTIVE_BATCH = """
      INSERT INTO wallets (wallet_id, client_id, wallet_name, status, key_status)
      SELECT w.wallet_id, $1, w.wallet_name, 'ACTIVE', 'ACTIVE'
      FROM unnest($2::text[], $3::text[]) AS w(wallet_id, wallet_name)""";

  private final SqlClient db;

  public WalletStorage(SqlClient db) {
    this.db = db;
  }

  /** Inserts ACTIVE wallets for a client in one statement (load-test seeding). */
  public Future<Void> insertActive(String clientId, List<String> walletIds, List<String> names) {
    return db.preparedQuery(INSERT_ACTIVE_BATCH)
        .execute(Tuple.of(clientId, walletIds.toArray(new String[0]), names.toArray(new String[0])))
        .mapEmpty();
  }
}
