package io.assetgateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Holds a sandbox chain still: its clock row stays locked until {@link #close}, so no instance produces its
 * blocks (they skip a held clock) and nothing on it gets included or confirmed. A stalled network, for
 * tests that need a transaction to stay where it is.
 */
public final class ChainFreeze implements AutoCloseable {
  private final Connection connection;

  public ChainFreeze(String chain) {
    try {
      connection = DriverManager.getConnection(TestDatabase.url().jdbcUrl(), TestDatabase.url().user(),
          TestDatabase.url().password());
      connection.setAutoCommit(false);
      try (PreparedStatement lock = connection.prepareStatement(
          "SELECT height FROM sandbox_chains WHERE chain = ? FOR UPDATE")) {
        lock.setString(1, chain);
        if (!lock.executeQuery().next()) {
          throw new IllegalStateException("no sandbox chain " + chain);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      connection.rollback();
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
