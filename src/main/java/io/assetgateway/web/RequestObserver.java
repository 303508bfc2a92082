package io.assetgateway.web;

/** Told of every finished request once, at its end: the per-route HTTP metrics. */
@FunctionalInterface
public interface RequestObserver {
  /** {@code route} is the matched route template, or "-" when no route matched. */
  void requestEnded(String method, String route, int status, long durationNanos);
}
