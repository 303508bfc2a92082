package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.support.Secrets;
import io.assetgateway.support.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs last (see junit-platform.properties): searches everything the test run logged. */
@Order(Integer.MAX_VALUE)
@DisplayName("Secrets never appear in logs or help")
class SecretsNotLoggedTest {

  @Test
  @DisplayName("no API secret, JWT secret or wallet master key used in this run appears in its log")
  void notInLogs() throws Exception {
    Path log = Path.of("target/test-logs/all.log");
    assertTrue(Files.isRegularFile(log), "the test log exists");
    String text = Files.readString(log);
    Set<String> secrets = new HashSet<>(Secrets.used());
    secrets.add(TestGateway.JWT_SECRET);
    secrets.add(TestGateway.MASTER_KEY);
    if (secrets.size() > 2) {
      // a full run: other tests started servers and made clients, so the log must show them (not vacuous)
      assertTrue(text.contains("asset-gateway listening on port"), "the log holds the servers' own lines");
    }
    for (String secret : secrets) {
      assertFalse(text.contains(secret), () -> "a secret was logged: " + secret.substring(0, 6) + "...");
    }
  }

  @Test
  @DisplayName("--help of every command shows no configured secret")
  void notInHelp() {
    for (List<String> command : List.<List<String>>of(List.of(), List.of("serve"), List.of("clients", "create"),
        List.of("clients", "rotate-secret"), List.of("seed"), List.of("migrate"))) {
      StringWriter out = new StringWriter();
      List<String> args = new java.util.ArrayList<>(command);
      args.add("--help");
      Main.commandLine(() -> TestGateway.config(Map.of())).setOut(new PrintWriter(out)).execute(args.toArray(new String[0]));
      assertTrue(out.toString().startsWith("Usage:"));
      assertFalse(out.toString().contains(TestGateway.JWT_SECRET) || out.toString().contains(TestGateway.MASTER_KEY));
    }
  }
}
