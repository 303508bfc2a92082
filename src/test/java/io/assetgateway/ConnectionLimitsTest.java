package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.support.Api;
import io.assetgateway.support.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Open connections: idle timeout and cap")
class ConnectionLimitsTest {

  /** A keep-alive request on a raw socket; returns the status line, or null when the server closed the connection. */
  static String request(Socket socket) throws IOException {
    socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    int b;
    while ((b = in.read()) != -1) {
      head.append((char) b);
      if (head.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    if (b == -1) {
      return null;
    }
    String headers = head.toString().toLowerCase();
    int at = headers.indexOf("content-length:");
    int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf("\r\n", at)).trim());
    in.readNBytes(length);
    return head.substring(0, head.indexOf("\r\n"));
  }

  /** Milliseconds until the server closes a silent connection (reads nothing), or -1 if it is still open after limit. */
  static long closedAfter(Socket socket, int limitMillis) throws IOException {
    long start = System.nanoTime();
    socket.setSoTimeout(limitMillis);
    try {
      while (socket.getInputStream().read() != -1) {
        // drain whatever an earlier response left
      }
      return (System.nanoTime() - start) / 1_000_000;
    } catch (SocketTimeoutException e) {
      return -1;
    } catch (IOException reset) {
      return (System.nanoTime() - start) / 1_000_000;
    }
  }

  @Test
  @DisplayName("HTTP_IDLE_TIMEOUT_SECONDS closes a silent connection, and a kept-alive one that goes quiet")
  void idleTimeout() throws Exception {
    try (GatewayServer server = TestGateway.start(Map.of("HTTP_IDLE_TIMEOUT_SECONDS", "3", "DB_CONNECT_TIMEOUT_SECONDS", "1"));
        Socket silent = new Socket("127.0.0.1", server.port());
        Socket used = new Socket("127.0.0.1", server.port())) {
      assertEquals("HTTP/1.1 200 OK", request(used));
      long silentClosed = closedAfter(silent, 15_000);
      long usedClosed = closedAfter(used, 15_000);
      assertTrue(silentClosed >= 0, "a connection that never sent a byte was closed");
      assertTrue(usedClosed >= 0, "a kept-alive connection was closed once quiet");
    }
  }

  @Test
  @DisplayName("HTTP_MAX_CONNECTIONS: a connection over the cap is closed at once; a freed slot is usable again")
  void cap() throws Exception {
    try (GatewayServer server = TestGateway.start(Map.of("HTTP_MAX_CONNECTIONS", "3"))) {
      List<Socket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          Socket s = new Socket("127.0.0.1", server.port());
          open.add(s);
          if (i == 0) {
            assertEquals("HTTP/1.1 200 OK", request(s), "connection " + i + " is within the cap");
          }
        }
        Thread.sleep(300); // silent connections count from the moment they are accepted
        try (Socket over = new Socket("127.0.0.1", server.port())) {
          over.setSoTimeout(10_000);
          String status;
          try {
            status = request(over);
          } catch (IOException reset) {
            status = null;
          }
          assertEquals(null, status, "the fourth connection was closed without an answer");
        }
        open.remove(0).close();
        String status = null;
        for (int i = 0; i < 50 && status == null; i++) { // the server sees the close a moment later
          try (Socket again = new Socket("127.0.0.1", server.port())) {
            again.setSoTimeout(10_000);
            status = request(again);
          } catch (IOException reset) {
            status = null;
          }
          if (status == null) {
            Thread.sleep(100);
          }
        }
        assertEquals("HTTP/1.1 200 OK", status, "a freed slot takes a new connection");
        String metrics = new Api(server.port()).send("GET", "/metrics", Map.of()).body();
        assertTrue(MetricsTest.value(metrics, "http_connections_refused_total") >= 1.0, "refusals are counted");
      } finally {
        for (Socket s : open) {
          s.close();
        }
      }
    }
  }
}
