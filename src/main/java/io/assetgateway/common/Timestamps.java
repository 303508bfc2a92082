package io.assetgateway.common;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 in UTC with a Z suffix, to the second, as the published examples show. */
public final class Timestamps {
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

  private Timestamps() {}

  public static String format(OffsetDateTime time) {
    return time == null ? null : RFC3339.format(time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
  }
}
