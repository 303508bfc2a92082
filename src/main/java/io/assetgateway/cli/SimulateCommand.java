package io.assetgateway.cli;

import io.assetgateway.config.GatewayConfig;
import io.assetgateway.transaction.Transaction;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code simulate deposit} and {@code simulate fail}: what the sandbox chain's network would do by itself. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Drive the built-in sandbox chain: a deposit arrives from outside, or a transaction fails.")
public final class SimulateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code simulate deposit}. */
  @Command(name = "deposit", mixinStandardHelpOptions = true,
      description = "A deposit to an asset of this server reaches the sandbox chain: prints the INBOUND transaction"
          + " (CONFIRMING) as one JSON line. The next block includes it; the balance is credited once it has the"
          + " chain's confirmations (CONFIRMED).")
  public static final class Deposit implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "The address of an asset of this server.")
    String to;

    @Option(names = "--chain", required = true, description = "The asset's chain (ethereum, bsc, tron, bitcoin, ...).")
    String chain;

    @Option(names = "--symbol", required = true, description = "The asset's symbol (USDT, ETH, TRX, ...).")
    String symbol;

    @Option(names = "--amount", required = true, description = "A decimal amount, such as 100 or 0.5.")
    String amount;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "The sender (default: a made-up outside address).")
    String from;

    public Deposit(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      try (CliSession session = new CliSession(config.get())) {
        Transaction deposit = session.await(session.sandbox().simulateDeposit(chain, to, symbol, amount, from));
        spec.commandLine().getOut().println(deposit.toJson().encode());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  /** {@code simulate fail}. */
  @Command(name = "fail", mixinStandardHelpOptions = true,
      description = "Fail a transaction that is not CONFIRMED yet (a transfer's locked amount returns to the balance);"
          + " prints it as one JSON line.")
  public static final class Fail implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Parameters(index = "0", paramLabel = "TX_ID")
    String txId;

    public Fail(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      try (CliSession session = new CliSession(config.get())) {
        Transaction failed = session.await(session.sandbox().simulateFail(txId));
        spec.commandLine().getOut().println(failed.toJson().encode());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
