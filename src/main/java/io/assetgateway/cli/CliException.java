package io.assetgateway.cli;

/** A CLI command failed in a way the user can fix; printed as one line. */
public final class CliException extends RuntimeException {
  public CliException(String message) {
    super(message);
  }
}
