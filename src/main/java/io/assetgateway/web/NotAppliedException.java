package io.assetgateway.web;

/**
 * A request refused before any of it reached the database (a full queue, a deadline passed in a queue, a spent
 * retry budget): answered 503 service_unavailable with this message, and certainly not applied, so retrying is safe.
 */
public final class NotAppliedException extends RuntimeException {
  public NotAppliedException(String message) {
    // No stack trace: load shedding is an expected outcome, on the hot path.
    super(message, null, false, false);
  }
}
