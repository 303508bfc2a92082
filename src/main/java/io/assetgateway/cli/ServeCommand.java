package io.assetgateway.cli;

import io.assetgateway.GatewayServer;
import io.assetgateway.config.GatewayConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/** {@code serve} (the default): run the HTTP API until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the API server (the default when no command is given).")
public final class ServeCommand implements Callable<Integer> {
  private final Supplier<GatewayConfig> config;

  public ServeCommand(Supplier<GatewayConfig> config) {
    this.config = config;
  }

  @Override
  public Integer call() throws Exception {
    GatewayServer server = GatewayServer.start(config.get());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }
}
