package io.assetgateway.registry;

/** The registry file is malformed; the message names the entry. */
public final class RegistryException extends RuntimeException {
  public RegistryException(String message) {
    super(message);
  }
}
