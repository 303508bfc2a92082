package io.assetgateway.keys;

import io.assetgateway.common.SecretFiles;
import io.assetgateway.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 32-byte key that seals wallet seeds: WALLET_MASTER_KEY, else (embedded database only) a key file generated in
 * the data directory.
 */
public final class MasterKey {
  private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
  static final String FILE_NAME = "wallet-master.key";
  /** What the key check value is an HMAC of; a new version string would mean a new kind of check. */
  private static final byte[] CHECK_CONSTANT =
      "asset-gateway wallet master key check v1".getBytes(StandardCharsets.US_ASCII);

  private MasterKey() {}

  /**
   * Parses the configured key (64 hex characters or base64 of 32 bytes). Without one, the embedded database gets a
   * key file in {@code dataDir} (read, or created once); an external database refuses, since a key generated on one
   * machine would be unknown to every other instance and lost with this machine's disk.
   */
  public static byte[] resolve(Optional<String> configured, Path dataDir, boolean embeddedDatabase) {
    if (configured.isPresent()) {
      return parse("WALLET_MASTER_KEY", configured.get());
    }
    if (!embeddedDatabase) {
      throw new ConfigException("WALLET_MASTER_KEY", "must be set when DATABASE_URL is set (32 bytes as 64 hex"
          + " characters or base64; every instance on that database needs the same key, so none is generated)");
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      SecretFiles.Secret secret = SecretFiles.readOrCreate(file,
          () -> HexFormat.of().formatHex(SecretFiles.randomBytes(32)));
      if (secret.created()) {
        LOG.warn("WALLET_MASTER_KEY is not set: generated {}; back it up, wallets cannot be opened without it", file);
      }
      return parse(file.toString(), secret.value());
    } catch (IOException e) {
      throw new ConfigException("WALLET_MASTER_KEY", "is not set and " + file + " cannot be used (" + e.getMessage() + ")");
    }
  }

  /** HMAC-SHA256 of a fixed string under the key: stored in the database, it tells which key sealed its seeds. */
  public static byte[] checkValue(byte[] masterKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
      return mac.doFinal(CHECK_CONSTANT);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
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
