package io.assetgateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.assetgateway.support.StderrCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Access lines are one valid JSON object each, whatever the values hold")
class AccessLinesTest {

  @Test
  @DisplayName("quotes, backslashes, control characters and non-ASCII text round-trip through a JSON parser")
  void valuesRoundTrip() throws Exception {
    List<String[]> written = new ArrayList<>();
    String[] hostile = {"plain", "", "quote\"d", "back\\slash", "new\nline", "tab\tand\u0001ctl", "del\u007f",
        "caf\u00e9", "\u65e5\u672c", "emoji \ud83d\ude00", "</script>", "\u2028sep"};
    SplittableRandom random = new SplittableRandom(7);
    Vertx vertx = Vertx.vertx();
    AccessLogWriter writer = AccessLogWriter.start(1 << 20);
    try (StderrCapture stderr = new StderrCapture()) {
      AccessLines lines = new AccessLines(writer, true, 50, vertx);
      lines.close(); // closed: every line goes to the writer at once, no timer
      for (int i = 0; i < 500; i++) {
        String requestId = i < hostile.length ? hostile[i] : randomText(random);
        String route = hostile[random.nextInt(hostile.length)];
        String client = i % 3 == 0 ? null : randomText(random);
        int status = 100 + random.nextInt(500);
        long duration = i == 0 ? 0 : random.nextLong(0, Long.MAX_VALUE);
        lines.append(requestId, "POST", route, status, duration, client);
        written.add(new String[] {requestId, route, client, Integer.toString(status), Long.toString(duration)});
      }
      writer.close();
      List<String> out = stderr.lines().stream().filter(l -> l.contains("\"logger_name\":\"access\"")).toList();
      assertEquals(written.size(), out.size(), "one line each (no value may break a line)");
      for (int i = 0; i < out.size(); i++) {
        JsonObject line = new JsonObject(out.get(i));
        String[] expected = written.get(i);
        assertEquals(expected[0], line.getString("request_id"));
        assertEquals(expected[1], line.getString("route"));
        assertEquals("POST " + expected[1] + " " + expected[3], line.getString("message"));
        if (expected[2] == null) {
          assertFalse(line.containsKey("client_id"));
        } else {
          assertEquals(expected[2], line.getString("client_id"));
        }
        assertEquals(expected[3], line.getString("status"));
        assertEquals(expected[4], line.getString("duration_ms"));
        assertEquals(Thread.currentThread().getName(), line.getString("thread_name"));
      }
    } finally {
      vertx.close().await();
    }
  }

  /** Up to 40 characters from the whole range of UTF-16 code units that make valid text (surrogates in pairs). */
  private static String randomText(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(41);
    while (text.length() < length) {
      int codePoint = switch (random.nextInt(4)) {
        case 0 -> random.nextInt(0x80); // ASCII, controls included
        case 1 -> random.nextInt(0x80, 0x800);
        case 2 -> random.nextInt(0x800, 0xd800);
        default -> random.nextInt(0x10000, 0x110000);
      };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }
}
