package io.assetgateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Token buckets by key (a client, an API key, a remote address): {@code ratePerSecond} tokens refill
 * continuously up to {@code burst}. Shared by every event loop of the process, so a limit means the same
 * whatever loop a connection lands on; a take is one atomic compute on its key, so loops contend only when they
 * take from the same key at the same instant.
 *
 * <p>Bounded whatever keys callers invent: at most {@code maxKeys} buckets (Caffeine's size bound keeps the
 * frequently used ones), and each bucket is forgotten when it would be full again, which loses nothing: a
 * forgotten key starts full.
 */
public final class TokenBuckets {
  private final double ratePerNano;
  private final int burst;
  private final int ratePerSecond;
  private final Ticker clock;
  private final Cache<String, Bucket> buckets;

  public TokenBuckets(int ratePerSecond, int burst, long maxKeys) {
    this(ratePerSecond, burst, maxKeys, Ticker.systemTicker());
  }

  TokenBuckets(int ratePerSecond, int burst, long maxKeys, Ticker clock) {
    this.ratePerSecond = ratePerSecond;
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.clock = clock;
    this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).ticker(clock).expireAfter(new UntilFull()).build();
  }

  public int ratePerSecond() {
    return ratePerSecond;
  }

  public int burst() {
    return burst;
  }

  /** Takes one token for the key; the decision carries what the headers report. */
  public Decision take(String key) {
    long now = clock.read();
    Decision[] decision = new Decision[1];
    // compute is atomic per key, and the expiry below is set inside it from the bucket just updated
    buckets.asMap().compute(key, (k, existing) -> {
      Bucket bucket = existing != null ? existing : new Bucket(burst, now);
      decision[0] = bucket.take(now);
      return bucket;
    });
    return decision[0];
  }

  /** Buckets held now (after pending evictions and expiries are applied). */
  long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  /** The outcome of one take: allowed or not, tokens left, and seconds until one token (retry) or a full bucket (reset). */
  public record Decision(boolean allowed, int remaining, long retryAfterSeconds, long resetSeconds) {}

  /** A bucket lives until it would have refilled completely. */
  private final class UntilFull implements Expiry<String, Bucket> {
    @Override
    public long expireAfterCreate(String key, Bucket bucket, long now) {
      return bucket.nanosUntilFull();
    }

    @Override
    public long expireAfterUpdate(String key, Bucket bucket, long now, long currentDuration) {
      return bucket.nanosUntilFull();
    }

    @Override
    public long expireAfterRead(String key, Bucket bucket, long now, long currentDuration) {
      return currentDuration;
    }
  }

  /** Mutated only inside its key's compute, so it needs no lock of its own. */
  private final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedAt = now;
    }

    Decision take(long now) {
      if (now > updatedAt) {
        tokens = Math.min(burst, tokens + (now - updatedAt) * ratePerNano);
        updatedAt = now;
      }
      boolean allowed = tokens >= 1;
      if (allowed) {
        tokens -= 1;
      }
      long retry = allowed ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano / 1e9);
      long reset = (long) Math.ceil((burst - tokens) / ratePerNano / 1e9);
      return new Decision(allowed, (int) Math.floor(tokens), Math.max(retry, allowed ? 0 : 1), reset);
    }

    long nanosUntilFull() {
      return Math.max(1, (long) Math.ceil((burst - tokens) / ratePerNano));
    }
  }
}
