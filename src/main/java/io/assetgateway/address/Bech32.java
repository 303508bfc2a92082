package io.assetgateway.address;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** Bech32 (BIP-173) segwit address encoding, pinned by the BIP-173 test vectors in the tests. */
public final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
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
