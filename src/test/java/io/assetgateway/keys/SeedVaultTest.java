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
  @DisplayName("master key: hex or base64 from WALLET_MASTER_KEY, else generated once into the data directory")
  void masterKey(@TempDir Path dir) throws Exception {
    byte[] hex = MasterKey.resolve(Optional.of("ff".repeat(32)), dir);
    assertEquals((byte) 0xff, hex[31]);
    byte[] b64 = MasterKey.resolve(Optional.of(java.util.Base64.getEncoder().encodeToString(new byte[32])), dir);
    assertArrayEquals(new byte[32], b64);
    ConfigException e = assertThrows(ConfigException.class, () -> MasterKey.resolve(Optional.of("abcd"), dir));
    assertTrue(e.getMessage().startsWith("WALLET_MASTER_KEY: "), e::getMessage);

    byte[] generated = MasterKey.resolve(Optional.empty(), dir);
    assertTrue(Files.isRegularFile(dir.resolve(MasterKey.FILE_NAME)));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve(MasterKey.FILE_NAME))));
    assertArrayEquals(generated, MasterKey.resolve(Optional.empty(), dir), "the same key on the next start");
  }
}
