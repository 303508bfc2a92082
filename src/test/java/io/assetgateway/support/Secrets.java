package io.assetgateway.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every secret the tests create or configure, so the last test can check that none of them was ever logged. */
public final class Secrets {
  private static final Set<String> USED = ConcurrentHashMap.newKeySet();

  private Secrets() {}

  public static String remember(String secret) {
    USED.add(secret);
    return secret;
  }

  public static Set<String> used() {
    return Set.copyOf(USED);
  }
}
