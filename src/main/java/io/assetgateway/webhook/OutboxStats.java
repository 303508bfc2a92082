package io.assetgateway.webhook;

/** How many events wait for delivery, and how long the oldest of them has waited. */
record OutboxStats(long pending, double oldestPendingAgeSeconds) {}
