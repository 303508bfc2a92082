package io.assetgateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.assetgateway.client.ApiSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Token buckets (on a fake clock)")
class TokenBucketsTest {
  static final long SECOND = 1_000_000_000L;

  /** A clock the test moves by hand. */
  static final class FakeClock implements Ticker {
    volatile long now = 1_000 * SECOND;

    @Override
    public long read() {
      return now;
    }
  }

  @Test
  @DisplayName("burst, refusal with Retry-After, refill at the rate, per-key independence, a bucket forgotten once full again")
  void arithmetic() {
    FakeClock clock = new FakeClock();
    TokenBuckets buckets = new TokenBuckets(2, 3, 1_000, clock);
    long t = clock.now;
    assertEquals(2, buckets.take("a").remaining());
    assertEquals(1, buckets.take("a").remaining());
    assertEquals(0, buckets.take("a").remaining());
    TokenBuckets.Decision refused = buckets.take("a");
    assertFalse(refused.allowed());
    assertEquals(1, refused.retryAfterSeconds());
    assertEquals(2, refused.resetSeconds(), "3 tokens at 2/s refill in 1.5 s, rounded up");
    assertTrue(buckets.take("b").allowed(), "another key has its own bucket");
    clock.now = t + SECOND / 2;
    assertTrue(buckets.take("a").allowed(), "half a second refills one token at 2/s");
    assertFalse(buckets.take("a").allowed());
    clock.now = t + SECOND;
    assertEquals(1, buckets.size(), "b refilled and went; a is not yet full");
    clock.now = t + 2 * SECOND - 1;
    assertEquals(1, buckets.take("a").remaining(), "a was kept while not full (a new bucket would leave 2)");
    clock.now = t + 10 * SECOND;
    assertEquals(0, buckets.size(), "refilled buckets are forgotten");
  }

  @Test
  @DisplayName("at most maxKeys buckets, whatever keys callers invent")
  void bounded() {
    TokenBuckets buckets = new TokenBuckets(1, 3, 100, new FakeClock()); // frozen clock: nothing expires
    for (int i = 0; i < 20_000; i++) {
      buckets.take("invented-" + i);
    }
    assertTrue(buckets.size() <= 100, () -> "holds " + buckets.size());
  }

  @Test
  @DisplayName("concurrent takes from many threads grant exactly the burst, also while a key's bucket is being created")
  void concurrentTakes() throws Exception {
    int threads = 8;
    int keys = 20_000;
    TokenBuckets buckets = new TokenBuckets(1, 1, keys, new FakeClock()); // burst 1 and a frozen clock: one grant per key
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
      List<Callable<Integer>> takers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        takers.add(() -> {
          start.await();
          int granted = 0;
          for (int k = 0; k < keys; k++) { // every thread walks the same keys, so they meet on new keys
            granted += buckets.take("key-" + k).allowed() ? 1 : 0;
          }
          return granted;
        });
      }
      int total = 0;
      for (Future<Integer> f : pool.invokeAll(takers)) {
        total += f.get();
      }
      assertEquals(keys, total, "one grant per key");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("keys: a header that cannot be an API key gets no bucket; IPv6 callers share their /64; one spelling per address")
  void keys() {
    String key = ApiSecrets.newApiKey();
    assertEquals(key, RateLimiters.apiKeyKey(key, ApiSecrets::isApiKeyShaped));
    for (String notAKey : List.of("x".repeat(16_000), "ak_short", key + "x", key.replace('_', '!') + "", "")) {
      assertNull(RateLimiters.apiKeyKey(notAKey, ApiSecrets::isApiKeyShaped), notAKey.length() + " characters");
    }
    assertNull(RateLimiters.apiKeyKey(null, ApiSecrets::isApiKeyShaped));
    assertEquals("2001:db8:1:2::/64", RateLimiters.addressKey("2001:db8:1:2::1"));
    assertEquals("2001:db8:1:2::/64", RateLimiters.addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    assertEquals("2001:db8:1:3::/64", RateLimiters.addressKey("2001:db8:1:3::1"));
    assertEquals("203.0.113.9", RateLimiters.addressKey("203.0.113.9"));
    assertEquals("203.0.113.9", RateLimiters.addressKey("::ffff:203.0.113.9"));
  }
}
