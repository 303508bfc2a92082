package io.assetgateway.keys;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** A BIP-32 extended private key on secp256k1 (curve arithmetic from BouncyCastle). Immutable. */
public final class Bip32Key {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final BigInteger N = CURVE.getN();
  private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();
  public static final int HARDENED = 0x80000000;

  private final byte[] privateKey;
  private final byte[] chainCode;
  private byte[] compressedPublicKey;

  private Bip32Key(byte[] privateKey, byte[] chainCode) {
    this.privateKey = privateKey;
    this.chainCode = chainCode;
  }

  /** The master key of a seed (16..64 bytes), per BIP-32. */
  public static Bip32Key master(byte[] seed) {
    byte[] i = Hmac.sha512("Bitcoin seed".getBytes(java.nio.charset.StandardCharsets.US_ASCII), seed);
    BigInteger k = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
    if (k.signum() == 0 || k.compareTo(N) >= 0) {
      throw new IllegalArgumentException("seed gives an invalid master key; use another seed");
    }
    return new Bip32Key(Arrays.copyOfRange(i, 0, 32), Arrays.copyOfRange(i, 32, 64));
  }

  /** CKDpriv: the child at {@code index} (add {@link #HARDENED} for a hardened child). */
  public Bip32Key child(int index) {
    ByteBuffer data = ByteBuffer.allocate(37);
    if ((index & HARDENED) != 0) {
      data.put((byte) 0).put(privateKey);
    } else {
      data.put(publicKey(true));
    }
    data.putInt(index);
    byte[] i = Hmac.sha512(chainCode, data.array());
    BigInteger il = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
    BigInteger k = il.add(new BigInteger(1, privateKey)).mod(N);
    if (il.compareTo(N) >= 0 || k.signum() == 0) {
      // Probability below 2^-127; BIP-32 says to proceed with the next index.
      return child(index + 1);
    }
    return new Bip32Key(to32Bytes(k), Arrays.copyOfRange(i, 32, 64));
  }

  /** Derives along a path such as {@code m/44'/60'/0'/0/5}. */
  public Bip32Key derive(String path) {
    Bip32Key key = this;
    for (int index : DerivationPath.parse(path)) {
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

  /** SEC1 public key: 33 bytes compressed, or 65 bytes uncompressed (0x04 || X || Y). */
  public byte[] publicKey(boolean compressed) {
    if (compressed && compressedPublicKey != null) {
      return compressedPublicKey.clone();
    }
    ECPoint point = MULTIPLIER.multiply(CURVE.getG(), new BigInteger(1, privateKey)).normalize();
    byte[] encoded = point.getEncoded(compressed);
    if (compressed) {
      compressedPublicKey = encoded;
    }
    return encoded.clone();
  }

  private static byte[] to32Bytes(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
