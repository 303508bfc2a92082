package io.assetgateway.keys;

import io.assetgateway.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The 32-byte key that seals wallet seeds: WALLET_MASTER_KEY, else a key file generated in the data directory. */
public final class MasterKey {
  private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
  static final String FILE_NAME = "wallet-master.key";

  private MasterKey() {}

  /** Parses the configured key (64 hex characters or base64 of 32 bytes), or reads/creates the key file. */
  public static byte[] resolve(Optional<String> configured, Path dataDir) {
    if (configured.isPresent()) {
      return parse("WALLET_MASTER_KEY", configured.get());
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.isRegularFile(file)) {
        return parse(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
      }
      Files.createDirectories(dataDir);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      LOG.warn("WALLET_MASTER_KEY is not set: generated {}; back it up, wallets cannot be opened without it", file);
      return key;
    } catch (IOException e) {
      throw new ConfigException("WALLET_MASTER_KEY", "is not set and " + file + " cannot be used (" + e.getMessage() + ")");
    }
  }

  static byte[] parse(String setting, String raw) {
    String value = raw.trim();
    byte[] key;
    try {
      key = value.length() == 64 ? HexFormat.of().parseHex(value) : Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting, "must be 32 bytes as 64 hex characters or base64");
    }
    if (key.length != 32) {
      throw new ConfigException(setting, "must be 32 bytes as 64 hex characters or base64 (got " + key.length + " bytes)");
    }
    return key;
  }
}
