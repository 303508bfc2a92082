package io.assetgateway.keys;

import java.util.ArrayList;
import java.util.List;

/** Parses BIP-32 paths: {@code m/44'/60'/0'/0/7} ({@code '} or {@code h} marks a hardened step). */
public final class DerivationPath {
  private DerivationPath() {}

  public static List<Integer> parse(String path) {
    String[] parts = path.split("/");
    if (parts.length == 0 || !parts[0].equals("m")) {
      throw new IllegalArgumentException("a path starts with m: " + path);
    }
    List<Integer> indexes = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      boolean hardened = part.endsWith("'") || part.endsWith("h") || part.endsWith("H");
      long value = Long.parseLong(hardened ? part.substring(0, part.length() - 1) : part);
      if (value < 0 || value >= 0x80000000L) {
        throw new IllegalArgumentException("index out of range in " + path);
      }
      indexes.add((int) value | (hardened ? Bip32Key.HARDENED : 0));
    }
    return indexes;
  }
}
