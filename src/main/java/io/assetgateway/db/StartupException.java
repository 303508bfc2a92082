package io.assetgateway.db;

/** Start-up cannot go on; the message is the one line the user sees. */
public final class StartupException extends RuntimeException {
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
