package io.assetgateway.address;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** Bech32 (BIP-173) segwit address encoding, pinned by the BIP-173 test vectors in the tests. */
public final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int BECH32M_CONSTANT = 0x2bc830a3;
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  private Bech32() {}

  /** A segwit v0 address (e.g. P2WPKH with a 20-byte program) for the human-readable part (bc, tb). */
  public static String segwitAddress(String hrp, int witnessVersion, byte[] program) {
    byte[] converted = convertBits(program, 8, 5, true);
    byte[] data = new byte[converted.length + 1];
    data[0] = (byte) witnessVersion;
    System.arraycopy(converted, 0, data, 1, converted.length);
    return encode(hrp, data);
  }

  /** Encodes 5-bit data values with the Bech32 checksum. */
  public static String encode(String hrp, byte[] data) {
    byte[] checksum = checksum(hrp, data);
    StringBuilder out = new StringBuilder(hrp.toLowerCase(Locale.ROOT)).append('1');
    for (byte b : data) {
      out.append(CHARSET.charAt(b));
    }
    for (byte b : checksum) {
      out.append(CHARSET.charAt(b));
    }
    return out.toString();
  }

  /**
   * The witness program of a segwit address of this human-readable part (BIP-173 bech32 for version 0,
   * BIP-350 bech32m for versions 1..16), or null when the text is not one: bad characters, mixed case, a bad
   * checksum, the wrong variant for its version, or a program of the wrong length.
   */
  public static byte[] segwitProgram(String hrp, String address) {
    if (address == null || address.length() < 8 || address.length() > 90) {
      return null;
    }
    String lower = address.toLowerCase(Locale.ROOT);
    if (!address.equals(lower) && !address.equals(address.toUpperCase(Locale.ROOT))) {
      return null;
    }
    int separator = lower.lastIndexOf('1');
    if (separator < 1 || !lower.substring(0, separator).equals(hrp) || lower.length() - separator - 1 < 7) {
      return null;
    }
    byte[] data = new byte[lower.length() - separator - 1];
    for (int i = 0; i < data.length; i++) {
      int value = CHARSET.indexOf(lower.charAt(separator + 1 + i));
      if (value < 0) {
        return null;
      }
      data[i] = (byte) value;
    }
    byte[] hrpExpanded = expandHrp(hrp);
    byte[] values = new byte[hrpExpanded.length + data.length];
    System.arraycopy(hrpExpanded, 0, values, 0, hrpExpanded.length);
    System.arraycopy(data, 0, values, hrpExpanded.length, data.length);
    int residue = polymod(values);
    int version = data[0];
    if (version > 16 || residue != (version == 0 ? 1 : BECH32M_CONSTANT)) {
      return null;
    }
    byte[] payload = java.util.Arrays.copyOfRange(data, 1, data.length - 6);
    byte[] program = convertBitsStrict(payload);
    if (program == null || program.length < 2 || program.length > 40
        || (version == 0 && program.length != 20 && program.length != 32)) {
      return null;
    }
    return program;
  }

  /** 5-bit groups back to bytes; null when the padding is not zero bits shorter than a group (BIP-173). */
  private static byte[] convertBitsStrict(byte[] data) {
    int acc = 0;
    int bits = 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : data) {
      acc = (acc << 5) | (b & 0xff);
      bits += 5;
      while (bits >= 8) {
        bits -= 8;
        out.write((acc >>> bits) & 0xff);
      }
    }
    if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0) {
      return null;
    }
    return out.toByteArray();
  }

  private static int polymod(byte[] values) {
    int chk = 1;
    for (byte v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ (v & 0xff);
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) == 1) {
          chk ^= GENERATOR[i];
        }
      }
    }
    return chk;
  }

  private static byte[] expandHrp(String hrp) {
    int n = hrp.length();
    byte[] out = new byte[n * 2 + 1];
    for (int i = 0; i < n; i++) {
      int c = hrp.charAt(i) & 0x7f;
      out[i] = (byte) (c >>> 5);
      out[i + n + 1] = (byte) (c & 0x1f);
    }
    return out;
  }

  private static byte[] checksum(String hrp, byte[] data) {
    byte[] hrpExpanded = expandHrp(hrp.toLowerCase(Locale.ROOT));
    byte[] values = new byte[hrpExpanded.length + data.length + 6];
    System.arraycopy(hrpExpanded, 0, values, 0, hrpExpanded.length);
    System.arraycopy(data, 0, values, hrpExpanded.length, data.length);
    int mod = polymod(values) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  static byte[] convertBits(byte[] data, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : data) {
      acc = (acc << from) | (b & 0xff);
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad && bits > 0) {
      out.write((acc << (to - bits)) & maxv);
    }
    return out.toByteArray();
  }
}
