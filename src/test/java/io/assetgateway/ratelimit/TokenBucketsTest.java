package io.assetgateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Token buckets (on a fake clock)")
class TokenBucketsTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  @DisplayName("burst, refusal with Retry-After, refill at the rate, per-key independence, eviction of full buckets")
  void arithmetic() {
    TokenBuckets buckets = new TokenBuckets(2, 3);
    long t = 1_000 * SECOND;
    assertEquals(2, buckets.take("a", t).remaining());
    assertEquals(1, buckets.take("a", t).remaining());
    assertEquals(0, buckets.take("a", t).remaining());
    TokenBuckets.Decision refused = buckets.take("a", t);
    assertFalse(refused.allowed());
    assertEquals(1, refused.retryAfterSeconds());
    assertEquals(2, refused.resetSeconds(), "3 tokens at 2/s refill in 1.5 s, rounded up");
    assertTrue(buckets.take("b", t).allowed(), "another key has its own bucket");
    assertTrue(buckets.take("a", t + SECOND / 2).allowed(), "half a second refills one token at 2/s");
    assertFalse(buckets.take("a", t + SECOND / 2).allowed());
    buckets.evictIdle(t + SECOND);
    assertEquals(1, buckets.size(), "b refilled and went; a is not yet full");
    buckets.evictIdle(t + 10 * SECOND);
    assertEquals(0, buckets.size(), "refilled buckets are forgotten");
  }
}
