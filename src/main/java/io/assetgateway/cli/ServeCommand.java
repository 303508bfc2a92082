package io.assetgateway.cli;

import io.assetgateway.GatewayServer;
import io.assetgateway.config.GatewayConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import sun.misc.Signal;

/** {@code serve} (the default): run the HTTP API until SIGTERM or SIGINT, then stop gracefully and exit 0. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the API server (the default when no command is given). SIGTERM or SIGINT stops it gracefully:"
        + " no new connections, requests in flight finish (up to SHUTDOWN_TIMEOUT_SECONDS), exit code 0.")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  private final Supplier<GatewayConfig> config;

  public ServeCommand(Supplier<GatewayConfig> config) {
    this.config = config;
  }

  @Override
  public Integer call() throws Exception {
    GatewayConfig cfg = config.get();
    GatewayServer server = GatewayServer.start(cfg);
    // Handling the signals ourselves (not only a shutdown hook) lets a graceful stop end with exit code 0.
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown")); // any other way out
    stop.await();
    LOG.info("stopping: no new connections; finishing requests in flight (up to {} s)", cfg.http().shutdownTimeoutSeconds());
    server.close();
    LOG.info("stopped");
    return 0;
  }
}
