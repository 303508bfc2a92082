package io.assetgateway.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Wallet seeds at rest")
class SeedVaultTest {
  static final byte[] KEY = new byte[32];

  @Test
  @DisplayName("AES-256-GCM round trip; a flipped bit, another wallet id or another key cannot open it")
  void sealing() {
    SeedVault vault = new SeedVault(KEY);
    byte[] seed = SeedVault.newSeed();
    byte[] sealed = vault.encrypt("wal_A", seed);
    assertEquals(12 + 64 + 16, sealed.length);
    assertArrayEquals(seed, vault.decrypt("wal_A", sealed));
    assertTrue(!Arrays.equals(sealed, vault.encrypt("wal_A", seed)), "a fresh nonce each time");
    byte[] tampered = sealed.clone();
    tampered[20] ^= 1;
    assertThrows(IllegalStateException.class, () -> vault.decrypt("wal_A", tampered));
    assertThrows(IllegalStateException.class, () -> vault.decrypt("wal_B", sealed));
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThrows(IllegalStateException.class, () -> new SeedVault(otherKey).decrypt("wal_A", sealed));
  }

  @Test
  @DisplayName("master key: hex or base64 from WALLET_MASTER_KEY, else (embedded database) generated once into the data directory")
  void masterKey(@TempDir Path dir) throws Exception {
    byte[] hex = MasterKey.resolve(Optional.of("ff".repeat(32)), dir, false);
    assertEquals((byte) 0xff, hex[31]);
    byte[] b64 = MasterKey.resolve(Optional.of(java.util.Base64.getEncoder().encodeToString(new byte[32])), dir, false);
    assertArrayEquals(new byte[32], b64);
    ConfigException e = assertThrows(ConfigException.class, () -> MasterKey.resolve(Optional.of("abcd"), dir, true));
    assertTrue(e.getMessage().startsWith("WALLET_MASTER_KEY: "), e::getMessage);

    byte[] generated = MasterKey.resolve(Optional.empty(), dir, true);
    assertTrue(Files.isRegularFile(dir.resolve(MasterKey.FILE_NAME)));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve(MasterKey.FILE_NAME))));
    assertArrayEquals(generated, MasterKey.resolve(Optional.empty(), dir, true), "the same key on the next start");
  }

  @Test
  @DisplayName("master key: with an external database and no WALLET_MASTER_KEY, start-up is refused and no key file is written")
  void noKeyForExternalDatabase(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class, () -> MasterKey.resolve(Optional.empty(), dir, false));
    assertTrue(e.getMessage().startsWith("WALLET_MASTER_KEY: must be set when DATABASE_URL is set"), e::getMessage);
    assertEquals(1, e.getMessage().lines().count());
    assertTrue(!Files.exists(dir.resolve(MasterKey.FILE_NAME)));
  }

  @Test
  @DisplayName("master key: sixteen first starts racing in one data directory all get the one key written, mode 600, no leftovers")
  void keyFileRace(@TempDir Path dir) throws Exception {
    for (int round = 0; round < 5; round++) {
      Path dataDir = dir.resolve("round-" + round);
      int racers = 16;
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
      try {
        java.util.List<java.util.concurrent.Future<byte[]>> keys = new java.util.ArrayList<>();
        for (int i = 0; i < racers; i++) {
          keys.add(pool.submit(() -> {
            start.await();
            return MasterKey.resolve(Optional.empty(), dataDir, true);
          }));
        }
        java.util.List<byte[]> used = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<byte[]> key : keys) {
          used.add(key.get());
        }
        byte[] onDisk = MasterKey.parse("file", Files.readString(dataDir.resolve(MasterKey.FILE_NAME)));
        for (byte[] key : used) {
          assertArrayEquals(onDisk, key, "every racer uses the key that is on disk");
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dataDir.resolve(MasterKey.FILE_NAME))));
      try (var files = Files.list(dataDir)) {
        assertEquals(java.util.List.of(MasterKey.FILE_NAME), files.map(f -> f.getFileName().toString()).toList());
      }
    }
  }

  @Test
  @DisplayName("key check value: HMAC-SHA256 of a fixed string, differs per key, never the key itself")
  void checkValue() {
    byte[] other = new byte[32];
    other[0] = 1;
    assertEquals(32, MasterKey.checkValue(KEY).length);
    assertArrayEquals(MasterKey.checkValue(KEY), new SeedVault(KEY).keyCheckValue());
    assertTrue(!Arrays.equals(MasterKey.checkValue(KEY), MasterKey.checkValue(other)));
    assertTrue(!Arrays.equals(KEY, MasterKey.checkValue(KEY)));
  }
}
