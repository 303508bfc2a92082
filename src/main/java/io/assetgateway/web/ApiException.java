package io.assetgateway.web;

/** A failure that the client is meant to see, exactly as {@code {code, type, message}}. */
public final class ApiException extends RuntimeException {
  private final ApiError error;

  public ApiException(ApiError error, String message) {
    // No stack trace: these are expected outcomes on the hot path, not bugs.
    super(message, null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
