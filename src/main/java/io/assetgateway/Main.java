package io.assetgateway;

import io.assetgateway.asset.RegistryException;
import io.assetgateway.cli.AccountsCommand;
import io.assetgateway.cli.CliException;
import io.assetgateway.cli.ClientsCommand;
import io.assetgateway.cli.MigrateCommand;
import io.assetgateway.cli.SeedCommand;
import io.assetgateway.cli.ServeCommand;
import io.assetgateway.config.ConfigException;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.StartupException;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jar's entry point: {@code serve} by default, plus the operator CLI. */
@Command(name = "asset-gateway", mixinStandardHelpOptions = true, version = "asset-gateway 0.1.0",
    description = "Custody wallet API server (Paratro-compatible) and its operator commands.%n"
        + "Every command reads DATABASE_URL (else uses the embedded PostgreSQL in ./data) and applies migrations first.")
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine(GatewayConfig::load).execute(args.length == 0 ? new String[] {"serve"} : args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The full command tree, reading configuration from the given source (tests pass their own). */
  public static CommandLine commandLine(Supplier<GatewayConfig> config) {
    CommandLine cli = new CommandLine(new Main());
    cli.addSubcommand(new CommandLine(new ServeCommand(config)));
    cli.addSubcommand(new CommandLine(new MigrateCommand(config)));
    cli.addSubcommand(new CommandLine(new ClientsCommand())
        .addSubcommand(new CommandLine(new ClientsCommand.Create(config)))
        .addSubcommand(new CommandLine(new ClientsCommand.SetStatus(config)))
        .addSubcommand(new CommandLine(new ClientsCommand.RotateSecret(config)))
        .addSubcommand(new CommandLine(new ClientsCommand.Allowlist(config))));
    cli.addSubcommand(new CommandLine(new AccountsCommand())
        .addSubcommand(new CommandLine(new AccountsCommand.SetStatus(config))));
    cli.addSubcommand(new CommandLine(new SeedCommand(config)));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean expected = e instanceof ConfigException || e instanceof StartupException || e instanceof CliException
          || e instanceof RegistryException;
      commandLine.getErr().println("asset-gateway: " + (expected ? e.getMessage() : "unexpected failure: " + e));
      commandLine.getErr().flush();
      return e instanceof ConfigException || e instanceof RegistryException || e instanceof CliException ? 2 : 1;
    });
    return cli;
  }
}
