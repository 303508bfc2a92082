package io.assetgateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Access line timestamps (formatted once per second) agree with java.time")
class AccessLineStampTest {
  private static final String[] ZONES = {"UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns",
      "Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo"};

  @Test
  @DisplayName("ISO 8601 with the zone's offset, to the millisecond: parses back to the same instant")
  void isoStamps() {
    DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    forEachStamp(true, (zone, instant, formatted) -> {
      assertEquals(reference.format(instant.atZone(zone)) + zone.getRules().getOffset(instant).getId(), formatted,
          zone + " " + instant);
      assertEquals(instant, OffsetDateTime.parse(formatted).toInstant(), formatted);
    });
  }

  @Test
  @DisplayName("text: HH:mm:ss.SSS in the zone, as logback's %d{HH:mm:ss.SSS}")
  void textStamps() {
    DateTimeFormatter reference = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    forEachStamp(false, (zone, instant, formatted) ->
        assertEquals(reference.format(instant.atZone(zone)), formatted, zone + " " + instant));
  }

  private interface StampCheck {
    void check(ZoneId zone, Instant instant, String formatted);
  }

  /** Every zone's stamps of every instant below, one Stamp per zone (so its per-second cache is exercised). */
  private static void forEachStamp(boolean iso, StampCheck check) {
    for (String zoneName : ZONES) {
      ZoneId zone = ZoneId.of(zoneName);
      AccessLines.Stamp stamp = new AccessLines.Stamp(zone, iso);
      for (long millis : instants()) {
        check.check(zone, Instant.ofEpochMilli(millis), new String(stamp.at(millis), 0, stamp.length()));
      }
    }
  }

  /**
   * Ascending and jumping instants: within one second (only the milliseconds change), across second boundaries,
   * across daylight-saving changes (Berlin 2026-03-29 01:00 UTC, Lord Howe's half hour), and random ones.
   */
  private static long[] instants() {
    long dst = Instant.parse("2026-03-29T00:59:59.998Z").toEpochMilli();
    long[] fixed = {0, 1, 999, 1000, 1001, 59_999, 60_000, dst, dst + 1, dst + 2, dst + 3, dst + 1000,
        Instant.parse("2026-11-22T07:24:55.303Z").toEpochMilli(),
        Instant.parse("2026-04-05T14:59:59.999Z").toEpochMilli(), Instant.parse("2026-04-05T15:00:00.000Z").toEpochMilli(),
        Instant.parse("2026-10-04T15:29:59.999Z").toEpochMilli(), Instant.parse("2026-10-04T15:30:00.000Z").toEpochMilli(),
        Instant.parse("2099-12-31T23:59:59.999Z").toEpochMilli()};
    SplittableRandom random = new SplittableRandom(42);
    long[] all = new long[fixed.length + 2000];
    System.arraycopy(fixed, 0, all, 0, fixed.length);
    for (int i = fixed.length; i < all.length; i++) {
      all[i] = i % 2 == 0 ? all[i - 1] + random.nextInt(1500) : random.nextLong(0, 4_102_444_800_000L);
    }
    return all;
  }
}
