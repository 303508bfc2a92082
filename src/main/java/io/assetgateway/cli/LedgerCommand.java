package io.assetgateway.cli;

import io.assetgateway.config.GatewayConfig;
import io.assetgateway.ledger.LedgerReport;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ledger verify}: recomputes the balances from the ledger. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Check the ledger.")
public final class LedgerCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code ledger verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Recompute every asset's balance and locked_balance from its ledger entries, and check every"
          + " transaction has the entries its status calls for; prints the report as one JSON line. Exit code 0"
          + " when all agree, 1 on any difference.")
  public static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    public Verify(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      try (CliSession session = new CliSession(config.get())) {
        LedgerReport report = session.await(session.ledger().verify(session.pool()));
        spec.commandLine().getOut().println(report.toJson().encode());
        spec.commandLine().getOut().flush();
        return report.consistent() ? 0 : 1;
      }
    }
  }
}
