package io.assetgateway.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.config.DatabaseUrl;
import io.assetgateway.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * V14: every asset's (account, wallet, client) is an account, kept by triggers instead of a foreign key, for any
 * writer: the server, psql, a loader. Each case is what the foreign key refused before, refused the same way
 * (SQLSTATE 23503), including the race it closed (an account deleted while an asset on it is being inserted).
 */
@DisplayName("assets refer to accounts (V14 triggers in place of the foreign key)")
class AssetAccountIntegrityTest {
  private DatabaseUrl db;
  private Connection c;
  private Statement s;

  @BeforeEach
  void schema() throws SQLException {
    db = TestDatabase.another();
    Migrations.apply(db);
    c = connect();
    s = c.createStatement();
    s.execute("INSERT INTO clients (client_id, client_name, api_key, api_secret_hash, status, max_wallets)"
        + " VALUES ('cli_A', 'c', 'key_A', sha256('s'), 'ACTIVE', 10)");
    for (String wallet : new String[] {"w1", "w2"}) {
      s.execute("INSERT INTO wallets (wallet_id, client_id, wallet_name, status, key_status)"
          + " VALUES ('" + wallet + "', 'cli_A', 'w', 'ACTIVE', 'ACTIVE')");
    }
    account("acc_1", "w1");
    account("acc_2", "w1");
    insertAsset(s, "ast_1", "acc_1", "w1", "S1");
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  @Test
  @DisplayName("an asset of no account, or of an account in another wallet, is refused; the statement inserts nothing")
  void orphansRefused() throws SQLException {
    assertRefused("23503", () -> insertAsset(s, "ast_x", "acc_missing", "w1", "S1"));
    assertRefused("23503", () -> insertAsset(s, "ast_x", "acc_2", "w2", "S1"));
    assertRefused("23503", () -> s.execute("INSERT INTO assets (asset_id, account_id, wallet_id, client_id, address,"
        + " chain, symbol, network, name, contract_address, decimals, asset_type) VALUES"
        + " ('ast_ok', 'acc_2', 'w1', 'cli_A', '0xacc_2', 'ethereum', 'S1', 'mainnet', 'n', '0x', 18, 'NATIVE'),"
        + " ('ast_no', 'acc_9', 'w1', 'cli_A', '0xacc_9', 'ethereum', 'S1', 'mainnet', 'n', '0x', 18, 'NATIVE')"));
    assertEquals(1, count("SELECT count(*) FROM assets"));
    insertAsset(s, "ast_2", "acc_2", "w1", "S1");
    assertEquals(2, count("SELECT count(*) FROM assets"));
  }

  @Test
  @DisplayName("an account with assets is not deleted, one without is; nobody changes which account an asset is on")
  void accountsKeepTheirAssets() throws SQLException {
    assertRefused("23503", () -> s.execute("DELETE FROM accounts WHERE account_id = 'acc_1'"));
    assertRefused("23503", () -> s.execute("UPDATE accounts SET account_id = 'acc_9' WHERE account_id = 'acc_1'"));
    assertRefused("23503", () -> s.execute("UPDATE assets SET account_id = 'acc_2' WHERE asset_id = 'ast_1'"));
    assertRefused("23503", () -> s.execute("UPDATE assets SET wallet_id = 'w2' WHERE asset_id = 'ast_1'"));
    s.execute("UPDATE assets SET balance = 5 WHERE asset_id = 'ast_1'"); // other columns change as before
    s.execute("DELETE FROM accounts WHERE account_id = 'acc_2'");
    assertEquals(1, count("SELECT count(*) FROM accounts"));
  }

  @Test
  @DisplayName("TRUNCATE accounts is refused while assets has rows; truncating both together works")
  void truncate() throws SQLException {
    s.execute("ALTER TABLE ledger_entries DISABLE TRIGGER USER"); // append-only ledger; empty here
    assertRefused("23503", () -> s.execute("TRUNCATE accounts CASCADE"));
    assertEquals(2, count("SELECT count(*) FROM accounts"));
    s.execute("TRUNCATE assets, accounts CASCADE");
    assertEquals(0, count("SELECT count(*) FROM accounts"));
  }

  @Test
  @DisplayName("a delete waits for an asset insert in flight on the account, then is refused once the asset commits")
  void deleteRacingAnInsert() throws Exception {
    try (Connection inserter = connect(); Connection deleter = connect()) {
      inserter.setAutoCommit(false);
      insertAsset(inserter.createStatement(), "ast_2", "acc_2", "w1", "S1"); // not committed yet
      int deleterPid = pid(deleter);
      CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> {
        try (Statement d = deleter.createStatement()) {
          d.execute("DELETE FROM accounts WHERE account_id = 'acc_2'");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      // the delete is blocked on the lock the insert holds (not merely slow): PostgreSQL says what it waits for
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (count("SELECT count(*) FROM pg_stat_activity WHERE pid = " + deleterPid
          + " AND wait_event_type = 'Lock'") == 0) {
        assertTrue(System.nanoTime() < deadline && !delete.isDone(), "the delete did not wait for the insert");
        Thread.sleep(20);
      }
      inserter.commit();
      Throwable failure = assertThrows(Exception.class, () -> delete.get(10, TimeUnit.SECONDS)).getCause().getCause();
      assertEquals("23503", ((SQLException) failure).getSQLState());
    }
    assertEquals(2, count("SELECT count(*) FROM accounts"));
    assertEquals(1, count("SELECT count(*) FROM assets WHERE account_id = 'acc_2'"));
  }

  @Test
  @DisplayName("REPEATABLE READ: an insert onto an account deleted after its snapshot fails; deletes are refused")
  void repeatableRead() throws SQLException {
    try (Connection rr = connect()) {
      rr.setAutoCommit(false);
      rr.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      Statement t = rr.createStatement();
      assertEquals(2, count(t, "SELECT count(*) FROM accounts")); // the snapshot still shows acc_2 from here on
      s.execute("DELETE FROM accounts WHERE account_id = 'acc_2'");
      assertRefused("40001", () -> insertAsset(t, "ast_2", "acc_2", "w1", "S1"));
      rr.rollback();
      assertRefused("0A000", () -> t.execute("DELETE FROM accounts WHERE account_id = 'acc_1'"));
      rr.rollback();
    }
    assertEquals(0, count("SELECT count(*) FROM assets WHERE account_id = 'acc_2'"));
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  private void account(String id, String wallet) throws SQLException {
    s.execute("INSERT INTO accounts (account_id, wallet_id, client_id, chain, network, address, address_type, status)"
        + " VALUES ('" + id + "', '" + wallet + "', 'cli_A', 'ethereum', 'mainnet', '0x" + id + "', 'INBOUND',"
        + " 'ACTIVE')");
  }

  private static void insertAsset(Statement st, String id, String account, String wallet, String symbol)
      throws SQLException {
    st.execute("INSERT INTO assets (asset_id, account_id, wallet_id, client_id, address, chain, symbol, network, name,"
        + " contract_address, decimals, asset_type) VALUES ('" + id + "', '" + account + "', '" + wallet + "', 'cli_A',"
        + " '0x" + account + "', 'ethereum', '" + symbol + "', 'mainnet', 'n', '0x', 18, 'NATIVE')");
  }

  private interface Sql {
    void run() throws SQLException;
  }

  private static void assertRefused(String sqlState, Sql sql) {
    SQLException e = assertThrows(SQLException.class, sql::run);
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
  }

  private long count(String sql) throws SQLException {
    return count(s, sql);
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet r = st.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static int pid(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      return (int) count(st, "SELECT pg_backend_pid()");
    }
  }
}
