package io.assetgateway.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("V12 list counts on a database that already has rows")
class ListCountsMigrationTest {

  @Test
  @DisplayName("the migration counts the rows already there; inserts and TRUNCATE keep the counts after it")
  void backfillsThenFollows() throws SQLException {
    DatabaseUrl db = TestDatabase.another();
    Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
        .target("11").load().migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      for (String client : new String[] {"cli_A", "cli_B"}) {
        s.execute("INSERT INTO clients (client_id, client_name, api_key, api_secret_hash, status, max_wallets)"
            + " VALUES ('" + client + "', 'c', 'key_" + client + "', sha256('s'), 'ACTIVE', 10)");
        for (String wallet : new String[] {"w1", "w2"}) {
          s.execute("INSERT INTO wallets (wallet_id, client_id, wallet_name, status, key_status)"
              + " VALUES ('" + client + wallet + "', '" + client + "', 'w', 'ACTIVE', 'ACTIVE')");
        }
      }
      // cli_A: 3 accounts (2 in w1) with 2 assets each; cli_B: 1 account with 1 asset
      account(s, "acc_1", "cli_Aw1", "cli_A", 2);
      account(s, "acc_2", "cli_Aw1", "cli_A", 2);
      account(s, "acc_3", "cli_Aw2", "cli_A", 2);
      account(s, "acc_4", "cli_Bw1", "cli_B", 1);

      Migrations.apply(db);
      assertEquals(6, sum(s, "SELECT sum(n) FROM asset_counts WHERE client_id = 'cli_A'"));
      assertEquals(1, sum(s, "SELECT sum(n) FROM asset_counts WHERE client_id = 'cli_B'"));
      assertEquals(2, sum(s, "SELECT sum(n) FROM account_counts WHERE wallet_id = 'cli_Aw1'"));
      assertEquals(3, sum(s, "SELECT sum(n) FROM account_counts WHERE client_id = 'cli_A'"));

      account(s, "acc_5", "cli_Aw2", "cli_A", 2);
      assertEquals(8, sum(s, "SELECT sum(n) FROM asset_counts WHERE client_id = 'cli_A'"));
      assertEquals(2, sum(s, "SELECT sum(n) FROM account_counts WHERE wallet_id = 'cli_Aw2'"));

      // the ledger refuses TRUNCATE (append-only); this database holds no ledger rows, and the test is about counts
      s.execute("ALTER TABLE ledger_entries DISABLE TRIGGER USER");
      s.execute("TRUNCATE assets CASCADE"); // transactions and ledger entries reference assets (empty here)
      assertEquals(0, sum(s, "SELECT count(*) FROM asset_counts"));
      assertEquals(5, sum(s, "SELECT sum(n) FROM account_counts"));
      s.execute("TRUNCATE accounts CASCADE");
      assertEquals(0, sum(s, "SELECT count(*) FROM account_counts"));
    }
  }

  /** One ethereum account with its first {@code assets} EVM assets. */
  private static void account(Statement s, String id, String wallet, String client, int assets) throws SQLException {
    s.execute("INSERT INTO accounts (account_id, wallet_id, client_id, chain, network, address, address_type, status)"
        + " VALUES ('" + id + "', '" + wallet + "', '" + client + "', 'ethereum', 'mainnet', '0x" + id + "', 'INBOUND',"
        + " 'ACTIVE')");
    s.execute("INSERT INTO assets (asset_id, account_id, wallet_id, client_id, address, chain, symbol, network, name,"
        + " contract_address, decimals, asset_type) SELECT 'ast_' || '" + id + "' || i, '" + id + "', '" + wallet
        + "', '" + client + "', '0x" + id + "', 'ethereum', 'S' || i, 'mainnet', 'n', '0x', 18, 'NATIVE'"
        + " FROM generate_series(1, " + assets + ") i");
  }

  private static long sum(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
