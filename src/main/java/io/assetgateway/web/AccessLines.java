package io.assetgateway.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * One event loop's access lines: encoded on the event loop, straight into a buffer of its own, and handed to the
 * {@link AccessLogWriter} in chunks, when ~32 KiB have gathered or ACCESS_LOG_FLUSH_MILLIS (50 ms) after the first
 * line of a chunk, whichever comes first. Nothing crosses to another thread per line: no MDC, no logging event,
 * no queue operation. (Through logback, the writer thread alone spent several µs per line encoding logging events
 * that had been built on another core.)
 *
 * <p>Confined to the event loop of the verticle that made it (the router's end handlers, its timers and its
 * {@code stop()} all run there), so it needs no locks.
 *
 * <p>The JSON lines carry the fields of the server's other JSON log lines (logstash's encoder: {@code @timestamp},
 * {@code message}, {@code logger_name}, {@code thread_name}, {@code level}), then the request's; the text lines
 * follow logback.xml's text pattern.
 */
final class AccessLines {
  /** A chunk goes to the writer once it holds this much (under load, every ~15 ms), or after flushMillis. */
  static final int CHUNK_BYTES = 32 * 1024;

  private static final byte[] TIMESTAMP = asciiBytes("{\"@timestamp\":\"");
  private static final byte[] MESSAGE = asciiBytes("\",\"message\":\"");
  private static final byte[] THREAD_NAME = asciiBytes("\",\"logger_name\":\"access\",\"thread_name\":\"");
  private static final byte[] REQUEST_ID = asciiBytes("\",\"level\":\"INFO\",\"request_id\":\"");
  private static final byte[] METHOD = asciiBytes("\",\"method\":\"");
  private static final byte[] ROUTE = asciiBytes("\",\"route\":\"");
  // strings, as they were when these fields went through the MDC: log pipelines keep their field types
  private static final byte[] STATUS = asciiBytes("\",\"status\":\"");
  private static final byte[] DURATION_MS = asciiBytes("\",\"duration_ms\":\"");
  private static final byte[] CLIENT_ID = asciiBytes("\",\"client_id\":\"");
  private static final byte[] END = asciiBytes("\"}\n");

  private final AccessLogWriter writer;
  private final Vertx vertx;
  private final long flushMillis;
  private final Chunk chunk = new Chunk(CHUNK_BYTES + 4096);
  private final boolean jsonLines;
  private final StringBuilder text = new StringBuilder(256);
  private final Stamp stamp;
  private int lines;
  private boolean handOffScheduled;
  private boolean closed;

  AccessLines(AccessLogWriter writer, boolean jsonLines, long flushMillis, Vertx vertx) {
    this.writer = writer;
    this.vertx = vertx;
    this.flushMillis = flushMillis;
    this.jsonLines = jsonLines;
    this.stamp = new Stamp(ZoneId.systemDefault(), jsonLines);
  }

  /** One request's line; {@code clientId} may be null (no authenticated caller). */
  void append(String requestId, String method, String route, int status, long durationMillis, String clientId) {
    long now = System.currentTimeMillis();
    String thread = Thread.currentThread().getName();
    if (jsonLines) {
      appendJson(now, thread, requestId, method, route, status, durationMillis, clientId);
    } else {
      appendText(now, thread, requestId, method, route, status, durationMillis, clientId);
    }
    lines++;
    if (closed || chunk.size() >= CHUNK_BYTES) {
      handOff();
    } else if (!handOffScheduled) {
      handOffScheduled = true;
      vertx.setTimer(flushMillis, id -> {
        handOffScheduled = false;
        handOff();
      });
    }
  }

  /**
   * The JSON line, written straight as bytes: the field names are constants, the values ASCII as a rule (ids,
   * route templates, method names), copied as they are; any value with a character JSON must escape goes through
   * Jackson's string encoder. (Jackson's generator took about twice as long per line.)
   */
  private void appendJson(long now, String thread, String requestId, String method, String route, int status,
      long durationMillis, String clientId) {
    Chunk out = chunk;
    out.write(TIMESTAMP);
    out.ascii(stamp.at(now), stamp.length());
    out.write(MESSAGE);
    out.jsonContent(method);
    out.write(' ');
    out.jsonContent(route);
    out.write(' ');
    out.digits(status);
    out.write(THREAD_NAME);
    out.jsonContent(thread);
    out.write(REQUEST_ID);
    out.jsonContent(requestId);
    out.write(METHOD);
    out.jsonContent(method);
    out.write(ROUTE);
    out.jsonContent(route);
    out.write(STATUS);
    out.digits(status);
    out.write(DURATION_MS);
    out.digits(durationMillis);
    if (clientId != null) {
      out.write(CLIENT_ID);
      out.jsonContent(clientId);
    }
    out.write(END);
  }

  private void appendText(long now, String thread, String requestId, String method, String route, int status,
      long durationMillis, String clientId) {
    StringBuilder line = text;
    line.setLength(0);
    line.append(stamp.at(now), 0, stamp.length()).append(" INFO  [").append(thread).append("] access - ")
        .append(method).append(' ').append(route).append(' ').append(status)
        .append(" request_id=").append(requestId).append(", method=").append(method).append(", route=").append(route)
        .append(", status=").append(status).append(", duration_ms=").append(durationMillis);
    if (clientId != null) {
      line.append(", client_id=").append(clientId);
    }
    byte[] bytes = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    chunk.write(bytes, 0, bytes.length);
  }

  /**
   * Hands the lines gathered so far to the writer, and every later line at once: the verticle calls this on stop,
   * after its requests in flight have finished (or the shutdown timeout ended them), so no line waits for a timer
   * of an undeployed verticle.
   */
  void close() {
    closed = true;
    handOff();
  }

  private void handOff() {
    if (lines == 0) {
      return;
    }
    // a copy of exactly the lines: a stalled stderr may hold many chunks, and each must cost only its own bytes
    writer.submit(chunk.copy(), lines);
    chunk.reset();
    lines = 0;
  }

  /** A growable byte buffer the lines are written into (no locks: ByteArrayOutputStream takes one on every write). */
  private static final class Chunk {
    private byte[] bytes;
    private int size;

    Chunk(int capacity) {
      bytes = new byte[capacity];
    }

    void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    void write(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, bytes, size, length);
      size += length;
    }

    void write(byte[] bytes) {
      write(bytes, 0, bytes.length);
    }

    /** Characters known to be ASCII (a timestamp). */
    void ascii(char[] chars, int length) {
      ensure(length);
      for (int i = 0; i < length; i++) {
        bytes[size + i] = (byte) chars[i];
      }
      size += length;
    }

    /** A non-negative number's decimal digits. */
    void digits(long value) {
      if (value < 0) {
        write(asciiBytes(Long.toString(value)));
        return;
      }
      int length = 1;
      for (long rest = value / 10; rest > 0; rest /= 10) {
        length++;
      }
      ensure(length);
      for (int i = size + length - 1; i >= size; i--) {
        bytes[i] = (byte) ('0' + value % 10);
        value /= 10;
      }
      size += length;
    }

    /** A string's content inside JSON quotes: copied when it is printable ASCII without quote or backslash. */
    void jsonContent(String value) {
      int length = value.length();
      ensure(length);
      for (int i = 0; i < length; i++) {
        char c = value.charAt(i);
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
          write(JsonStringEncoder.getInstance().quoteAsUTF8(value)); // escapes, and UTF-8 for the rest
          return;
        }
        bytes[size + i] = (byte) c;
      }
      size += length;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    int size() {
      return size;
    }

    byte[] copy() {
      return Arrays.copyOf(bytes, size);
    }

    void reset() {
      size = 0;
    }
  }

  private static byte[] asciiBytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A line's time: {@code 2026-11-22T07:24:55.303Z} (ISO 8601 with the zone's offset, as the JSON lines' other
   * timestamps, to the millisecond) or {@code 07:24:55.303} (text), in the JVM's default zone. Formatted once per
   * second; between the lines of one second only the three digits of the milliseconds change.
   */
  static final class Stamp {
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter TEXT_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final ZoneId zone;
    private final boolean iso;
    private long second = Long.MIN_VALUE;
    private char[] chars = new char[0];
    private int millisAt;

    Stamp(ZoneId zone, boolean iso) {
      this.zone = zone;
      this.iso = iso;
    }

    /** The characters of this instant's stamp: the first {@link #length()} of the array returned. */
    char[] at(long epochMillis) {
      long s = Math.floorDiv(epochMillis, 1000);
      if (s != second) {
        ZonedDateTime time = Instant.ofEpochSecond(s).atZone(zone);
        String seconds = (iso ? ISO_SECONDS : TEXT_SECONDS).format(time);
        String formatted = seconds + ".000" + (iso ? time.getOffset().getId() : "");
        chars = formatted.toCharArray();
        millisAt = seconds.length() + 1;
        second = s;
      }
      int millis = (int) Math.floorMod(epochMillis, 1000);
      chars[millisAt] = (char) ('0' + millis / 100);
      chars[millisAt + 1] = (char) ('0' + millis / 10 % 10);
      chars[millisAt + 2] = (char) ('0' + millis % 10);
      return chars;
    }

    int length() {
      return chars.length;
    }
  }
}
