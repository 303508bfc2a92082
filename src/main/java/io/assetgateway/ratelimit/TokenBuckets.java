package io.assetgateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a client, an API key, a remote address): {@code ratePerSecond} tokens refill
 * continuously up to {@code burst}. Shared by every event loop of the process, so a limit means the same
 * whatever loop a connection lands on; each bucket is a tiny synchronized object, so loops contend only
 * when they take from the same key at the same instant.
 */
public final class TokenBuckets {
  private final double ratePerNano;
  private final int burst;
  private final int ratePerSecond;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenBuckets(int ratePerSecond, int burst) {
    this.ratePerSecond = ratePerSecond;
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
  }

  public int ratePerSecond() {
    return ratePerSecond;
  }

  public int burst() {
    return burst;
  }

  /** Takes one token for the key at time {@code nowNanos}; the decision carries what the headers report. */
  public Decision take(String key, long nowNanos) {
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos)).take(nowNanos);
  }

  /** Forgets buckets that have refilled completely: an idle key costs nothing, so the map stays bounded. */
  public void evictIdle(long nowNanos) {
    buckets.values().removeIf(b -> b.isFull(nowNanos));
  }

  int size() {
    return buckets.size();
  }

  /** The outcome of one take: allowed or not, tokens left, and seconds until one token (retry) or a full bucket (reset). */
  public record Decision(boolean allowed, int remaining, long retryAfterSeconds, long resetSeconds) {}

  private final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedAt = now;
    }

    synchronized Decision take(long now) {
      refill(now);
      boolean allowed = tokens >= 1;
      if (allowed) {
        tokens -= 1;
      }
      long retry = allowed ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano / 1e9);
      long reset = (long) Math.ceil((burst - tokens) / ratePerNano / 1e9);
      return new Decision(allowed, (int) Math.floor(tokens), Math.max(retry, allowed ? 0 : 1), reset);
    }

    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(long now) {
      if (now > updatedAt) {
        tokens = Math.min(burst, tokens + (now - updatedAt) * ratePerNano);
        updatedAt = now;
      }
    }
  }
}
