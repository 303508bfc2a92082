package io.assetgateway.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** A SLIP-0010 extended private key on ed25519 (hardened derivation only, as SLIP-0010 defines it). */
public final class Slip10Ed25519Key {
  private final byte[] privateKey;
  private final byte[] chainCode;

  private Slip10Ed25519Key(byte[] privateKey, byte[] chainCode) {
    this.privateKey = privateKey;
    this.chainCode = chainCode;
  }

  public static Slip10Ed25519Key master(byte[] seed) {
    byte[] i = Hmac.sha512("ed25519 seed".getBytes(StandardCharsets.US_ASCII), seed);
    return new Slip10Ed25519Key(Arrays.copyOfRange(i, 0, 32), Arrays.copyOfRange(i, 32, 64));
  }

  /** The hardened child at {@code index} (the hardened bit is added if missing). */
  public Slip10Ed25519Key child(int index) {
    ByteBuffer data = ByteBuffer.allocate(37).put((byte) 0).put(privateKey).putInt(index | Bip32Key.HARDENED);
    byte[] i = Hmac.sha512(chainCode, data.array());
    return new Slip10Ed25519Key(Arrays.copyOfRange(i, 0, 32), Arrays.copyOfRange(i, 32, 64));
  }

  /** Derives along a path whose every step is hardened, such as {@code m/44'/501'/0'/0'}. */
  public Slip10Ed25519Key derive(String path) {
    Slip10Ed25519Key key = this;
    for (int index : DerivationPath.parse(path)) {
      if ((index & Bip32Key.HARDENED) == 0) {
        throw new IllegalArgumentException("ed25519 derivation is hardened only: " + path);
      }
      key = key.child(index);
    }
    return key;
  }

  public byte[] privateKey() {
    return privateKey.clone();
  }

  public byte[] chainCode() {
    return chainCode.clone();
  }

  /** The 32-byte ed25519 public key. */
  public byte[] publicKey() {
    return new Ed25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
  }
}
