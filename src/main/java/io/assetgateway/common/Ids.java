package io.assetgateway.common;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * Opaque, time-ordered resource ids: a type prefix and a ULID (at most 30 characters). Monotonic, so ids made
 * by one process in the same millisecond still sort in creation order.
 */
public final class Ids {
  private Ids() {}

  public static String client() {
    return "cli_" + UlidCreator.getMonotonicUlid();
  }

  public static String wallet() {
    return "wal_" + UlidCreator.getMonotonicUlid();
  }

  public static String account() {
    return "acc_" + UlidCreator.getMonotonicUlid();
  }

  public static String asset() {
    return "ast_" + UlidCreator.getMonotonicUlid();
  }

  public static String transaction() {
    return "tx_" + UlidCreator.getMonotonicUlid();
  }
}
