package io.assetgateway.keys;

import io.assetgateway.address.Base58;
import io.assetgateway.address.Bech32;
import io.assetgateway.address.Eip55;
import io.assetgateway.registry.ChainFamily;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * Account addresses from a wallet seed on the standard paths: BIP-44 for EVM ({@code m/44'/60'/0'/0/i},
 * shared by every EVM chain) and tron ({@code m/44'/195'/0'/0/i}), BIP-84 for bitcoin
 * ({@code m/84'/0'/0'/0/i}), SLIP-0010 for solana ({@code m/44'/501'/i'/0'}).
 */
public final class AddressDerivation {
  private AddressDerivation() {}

  /** The derivation path of account {@code index} of a family. */
  public static String path(ChainFamily family, int index) {
    return switch (family) {
      case EVM -> "m/44'/60'/0'/0/" + index;
      case TRON -> "m/44'/195'/0'/0/" + index;
      case BITCOIN -> "m/84'/0'/0'/0/" + index;
      case SOLANA -> "m/44'/501'/" + index + "'/0'";
    };
  }

  /** The address of account {@code index} of a family, derived from the wallet seed. */
  public static String address(ChainFamily family, byte[] seed, int index) {
    return addresses(family, seed, index, 1).get(0);
  }

  /** Addresses of accounts {@code from .. from+count-1}; BIP-32 families derive the shared parent only once. */
  public static List<String> addresses(ChainFamily family, byte[] seed, int from, int count) {
    List<String> out = new ArrayList<>(count);
    if (family == ChainFamily.SOLANA) {
      Slip10Ed25519Key master = Slip10Ed25519Key.master(seed);
      for (int i = from; i < from + count; i++) {
        out.add(Base58.encode(master.derive(path(family, i)).publicKey()));
      }
      return out;
    }
    String path = path(family, 0);
    Bip32Key parent = Bip32Key.master(seed).derive(path.substring(0, path.lastIndexOf('/')));
    for (int i = from; i < from + count; i++) {
      Bip32Key key = parent.child(i);
      out.add(switch (family) {
        case EVM -> evmAddress(key);
        case TRON -> tronAddress(key);
        case BITCOIN -> Bech32.segwitAddress("bc", 0, hash160(key.publicKey(true)));
        case SOLANA -> throw new IllegalStateException("handled above");
      });
    }
    return out;
  }

  /** EIP-55 address: the last 20 bytes of Keccak-256 of the uncompressed public key (without 0x04). */
  static String evmAddress(Bip32Key key) {
    return Eip55.checksum("0x" + HexFormat.of().formatHex(ethereumAccountBytes(key)));
  }

  /** Tron: the same 20 bytes as EVM, behind the 0x41 prefix, in base58check. */
  static String tronAddress(Bip32Key key) {
    byte[] payload = new byte[21];
    payload[0] = 0x41;
    System.arraycopy(ethereumAccountBytes(key), 0, payload, 1, 20);
    return Base58.encodeChecked(payload);
  }

  private static byte[] ethereumAccountBytes(Bip32Key key) {
    byte[] uncompressed = key.publicKey(false);
    byte[] hash = Eip55.keccak256(Arrays.copyOfRange(uncompressed, 1, 65));
    return Arrays.copyOfRange(hash, 12, 32);
  }

  static byte[] hash160(byte[] data) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
      RIPEMD160Digest ripemd = new RIPEMD160Digest();
      ripemd.update(sha, 0, sha.length);
      byte[] out = new byte[20];
      ripemd.doFinal(out, 0);
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
