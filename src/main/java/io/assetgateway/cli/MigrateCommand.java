package io.assetgateway.cli;

import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.DatabaseBootstrap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code migrate}: apply the schema migrations and exit (the server and every command also do this first). */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply database migrations and exit.")
public final class MigrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  private final Supplier<GatewayConfig> config;

  public MigrateCommand(Supplier<GatewayConfig> config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    try (DatabaseBootstrap database = DatabaseBootstrap.prepare(config.get())) {
      spec.commandLine().getOut().println("database " + database.url().redacted() + " is up to date");
    }
    return 0;
  }
}
