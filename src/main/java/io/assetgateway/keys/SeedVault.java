package io.assetgateway.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wallet seeds at rest: AES-256-GCM under the master key, a fresh 96-bit nonce per seed, and the wallet id
 * as associated data so a ciphertext cannot be moved to another wallet. Stored as nonce || ciphertext+tag.
 */
public final class SeedVault {
  public static final int SEED_BYTES = 64;
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final byte[] keyCheckValue;

  public SeedVault(byte[] masterKey) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("the master key is 32 bytes");
    }
    this.key = new SecretKeySpec(masterKey.clone(), "AES");
    this.keyCheckValue = MasterKey.checkValue(masterKey);
  }

  /** The master key's check value ({@link MasterKey#checkValue}): what the database records of the key. */
  public byte[] keyCheckValue() {
    return keyCheckValue.clone();
  }

  /** A fresh random 512-bit seed (BIP-32 allows 128 to 512 bits). */
  public static byte[] newSeed() {
    byte[] seed = new byte[SEED_BYTES];
    RANDOM.nextBytes(seed);
    return seed;
  }

  public byte[] encrypt(String walletId, byte[] seed) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed = cipher(Cipher.ENCRYPT_MODE, walletId, nonce, seed);
    byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
    System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
    return out;
  }

  /** Decrypts; fails if the blob was altered, belongs to another wallet, or was sealed under another key. */
  public byte[] decrypt(String walletId, byte[] blob) {
    if (blob == null || blob.length <= NONCE_BYTES) {
      throw new IllegalStateException("wallet " + walletId + " has no sealed seed");
    }
    return cipher(Cipher.DECRYPT_MODE, walletId, Arrays.copyOf(blob, NONCE_BYTES),
        Arrays.copyOfRange(blob, NONCE_BYTES, blob.length));
  }

  private byte[] cipher(int mode, String walletId, byte[] nonce, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(walletId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("seed of wallet " + walletId + " cannot be "
          + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened (wrong WALLET_MASTER_KEY or altered data)"), e);
    }
  }
}
