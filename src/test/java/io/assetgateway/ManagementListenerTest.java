package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.support.Api;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The management listener (MANAGEMENT_PORT)")
class ManagementListenerTest {

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  @DisplayName("serves /metrics, /ready and /live on its own port, and the API port no longer does")
  void separateListener() throws Exception {
    int managementPort = freePort();
    try (GatewayServer server = TestGateway.start(Map.of("MANAGEMENT_PORT", Integer.toString(managementPort)))) {
      Api management = new Api(managementPort);
      Api api = new Api(server.port());

      Api.Reply metrics = management.send("GET", "/metrics", Map.of());
      assertEquals(200, metrics.status());
      assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "Prometheus text");
      Api.Reply ready = management.send("GET", "/ready", Map.of());
      assertEquals(200, ready.status(), ready::toString);
      assertEquals(Map.of("database", "UP", "migrations", "UP", "registry", "UP"), ProbesTest.statuses(ready.json()));
      assertEquals(200, management.send("GET", "/live", Map.of()).status());
      assertError(management.send("GET", "/health", Map.of()), 404, "not_found", "not_found_error");
      assertError(management.send("GET", "/api/v1/wallets", Map.of()), 404, "not_found", "not_found_error");

      for (String path : new String[] {"/metrics", "/ready", "/live"}) {
        assertError(api.send("GET", path, Map.of()), 404, "not_found", "not_found_error");
      }
      assertEquals(200, api.send("GET", "/health", Map.of()).status());
      JsonObject doc = api.send("GET", "/openapi.json", Map.of()).json();
      Set<String> documented = new HashSet<>();
      doc.getJsonObject("paths").forEach(p -> ((JsonObject) p.getValue()).fieldNames()
          .forEach(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
      assertEquals(server.servedRoutes(), documented, "the API port's document is the API port's routes");
      assertFalse(documented.contains("GET /metrics") || documented.contains("GET /ready"), documented::toString);
    }
  }

  @Test
  @DisplayName("binds 127.0.0.1 by default: not reachable on the machine's other addresses")
  void loopbackByDefault() throws Exception {
    Optional<InetAddress> other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .filter(i -> {
          try {
            return i.isUp() && !i.isLoopback();
          } catch (IOException e) {
            return false;
          }
        })
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address)
        .findFirst();
    org.junit.jupiter.api.Assumptions.assumeTrue(other.isPresent(), "no non-loopback IPv4 address on this machine");
    try (GatewayServer server = TestGateway.start(Map.of("MANAGEMENT_PORT", "0"))) {
      int port = server.managementPort().orElseThrow();
      assertEquals(200, new Api(port).send("GET", "/live", Map.of()).status(), "port 0 picked a free port");
      assertThrows(IOException.class, () -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(other.get(), port), 2_000);
        }
      }, "not listening on " + other.get());
    }
  }

  @Test
  @DisplayName("unset: one listener serves everything, as before")
  void unsetKeepsOneListener() {
    GatewayServer server = TestGateway.shared();
    assertTrue(server.managementPort().isEmpty());
    Api api = new Api(server.port());
    for (String path : new String[] {"/metrics", "/ready", "/live", "/health", "/openapi.json"}) {
      assertEquals(200, api.send("GET", path, Map.of()).status(), path);
    }
  }
}
