package io.assetgateway.cli;

import io.assetgateway.account.AccountService;
import io.assetgateway.account.AccountStatus;
import io.assetgateway.config.GatewayConfig;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code accounts set-status}: operator control over accounts. */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Change account status.")
public final class AccountsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code accounts set-status}. */
  @Command(name = "set-status", mixinStandardHelpOptions = true,
      description = "Set an account ACTIVE or INACTIVE (assets cannot be added to an INACTIVE account).")
  public static final class SetStatus implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
    String accountId;

    @Parameters(index = "1", paramLabel = "STATUS", description = "ACTIVE or INACTIVE.")
    AccountStatus status;

    public SetStatus(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      try (CliSession session = new CliSession(config.get())) {
        AccountStatus newStatus = session.await(session.accounts().setStatus(accountId, status))
            .orElseThrow(() -> new CliException("no account " + accountId));
        spec.commandLine().getOut().println(new JsonObject().put("account_id", accountId).put("status", newStatus.name()).encode());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
