package io.assetgateway;

import io.assetgateway.registry.RegistryException;
import io.assetgateway.cli.AccountsCommand;
import io.assetgateway.cli.CliException;
import io.assetgateway.cli.ClientsCommand;
import io.assetgateway.cli.LedgerCommand;
import io.assetgateway.cli.MigrateCommand;
import io.assetgateway.cli.SeedCommand;
import io.assetgateway.cli.ServeCommand;
import io.assetgateway.cli.WebhooksCommand;
import io.assetgateway.cli.SimulateCommand;
import io.assetgateway.config.ConfigException;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.StartupException;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The jar's entry point: {@code serve} by default, plus the operator CLI. */
@Command(name = "asset-gateway", mixinStandardHelpOptions = true, version = "asset-gateway 0.1.0",
    description = "Custody wallet API server (Paratro-compatible) and its operator commands; with no command, serve.%n"
        + "Every command reads DATABASE_URL (else uses the embedded PostgreSQL in ./data) and applies migrations first.")
public final class Main implements Callable<Integer> {
  @Option(names = "--conf", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
      description = "A JSON config file applied over conf/config.json (environment variables still win).")
  Path conf;

  private ServeCommand serve;

  public static void main(String[] args) {
    int exitCode = standard().execute(args);
    flushLogs();
    System.exit(exitCode);
  }

  /** Log lines wait on queues drained by their own threads: stopping logging writes them out (within a grace period). */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
      logging.stop();
    }
  }

  /** The command line as the jar runs it: configuration from vertx-config, with --conf on every command. */
  static CommandLine standard() {
    Main root = new Main();
    return commandLine(root, () -> GatewayConfig.load(Optional.ofNullable(root.conf)));
  }

  /** No command given: serve. */
  @Override
  public Integer call() throws Exception {
    return serve.call();
  }

  /** The full command tree, reading configuration from the given source (tests pass their own). */
  public static CommandLine commandLine(Supplier<GatewayConfig> config) {
    return commandLine(new Main(), config);
  }

  private static CommandLine commandLine(Main root, Supplier<GatewayConfig> config) {
    root.serve = new ServeCommand(config);
    CommandLine cli = new CommandLine(root);
    cli.addSubcommand(new CommandLine(new ServeCommand(config)));
    cli.addSubcommand(new CommandLine(new MigrateCommand(config)));
    cli.addSubcommand(new CommandLine(new ClientsCommand())
        .addSubcommand(new CommandLine(new ClientsCommand.Create(config)))
        .addSubcommand(new CommandLine(new ClientsCommand.SetStatus(config)))
        .addSubcommand(new CommandLine(new ClientsCommand.RotateSecret(config)))
        .addSubcommand(new CommandLine(new ClientsCommand.Allowlist(config)))
        .addSubcommand(new CommandLine(new ClientsCommand.Webhook(config))));
    cli.addSubcommand(new CommandLine(new WebhooksCommand())
        .addSubcommand(new CommandLine(new WebhooksCommand.ListEvents(config)))
        .addSubcommand(new CommandLine(new WebhooksCommand.Redeliver(config))));
    cli.addSubcommand(new CommandLine(new AccountsCommand())
        .addSubcommand(new CommandLine(new AccountsCommand.SetStatus(config))));
    cli.addSubcommand(new CommandLine(new SeedCommand(config)));
    cli.addSubcommand(new CommandLine(new SimulateCommand())
        .addSubcommand(new CommandLine(new SimulateCommand.Deposit(config)))
        .addSubcommand(new CommandLine(new SimulateCommand.Fail(config))));
    cli.addSubcommand(new CommandLine(new LedgerCommand())
        .addSubcommand(new CommandLine(new LedgerCommand.Verify(config))));
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
