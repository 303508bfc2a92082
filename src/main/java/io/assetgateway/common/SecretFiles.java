package io.assetgateway.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small secret files (the wallet master key, the embedded database's password): created once, readable by the owner
 * only from their first byte, and never overwritten, so two processes starting together end up with the same secret.
 */
public final class SecretFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretFiles() {}

  /** A secret file's content, and whether this call created it. */
  public record Secret(String value, boolean created) {}

  /**
   * Reads {@code file}, or creates it with {@code content} if it does not exist. The content is written to a fresh
   * owner-only file first and then hard-linked to its name, which fails if the name exists: the file is never seen
   * half-written, and when several processes race, the first link wins and everyone reads that one.
   */
  public static Secret readOrCreate(Path file, Supplier<String> content) throws IOException {
    if (Files.exists(file)) {
      return new Secret(read(file), false);
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path draft = dir.resolve("." + file.getFileName() + "." + HexFormat.of().formatHex(randomBytes(8)) + ".tmp");
    boolean created = false;
    try {
      try (FileChannel channel = FileChannel.open(draft,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(dir))) {
        ByteBuffer bytes = ByteBuffer.wrap((content.get() + "\n").getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.createLink(file, draft);
        created = true;
        syncDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // another process created it first: use theirs
      }
    } finally {
      Files.deleteIfExists(draft);
    }
    return new Secret(read(file), created);
  }

  /** {@code bytes} random bytes from a SecureRandom. */
  public static byte[] randomBytes(int bytes) {
    byte[] out = new byte[bytes];
    RANDOM.nextBytes(out);
    return out;
  }

  private static String read(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!PosixFilePermissions.toString(permissions).endsWith("------")) {
        LOG.warn("{} can be read by other users ({}): chmod 600 it", file, PosixFilePermissions.toString(permissions));
      }
    }
    return Files.readString(file, StandardCharsets.US_ASCII).strip();
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) throws IOException {
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
    return new FileAttribute<?>[0];
  }

  /** Makes the new directory entry durable (a power cut must not lose a key that already sealed data). */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
    }
  }
}
