package io.assetgateway.cli;

import io.assetgateway.account.Account;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.registry.AssetRegistry;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seed}: bulk-creates ACTIVE wallets and accounts for load tests, in batched inserts. */
@Command(name = "seed", mixinStandardHelpOptions = true,
    description = "Create ACTIVE wallets and ACTIVE accounts for a client (load tests); prints one JSON object per account.")
public final class SeedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  private final Supplier<GatewayConfig> config;

  @Option(names = "--client", required = true, paramLabel = "CLIENT_ID", description = "The client that owns them.")
  String clientId;

  @Option(names = "--chain", required = true, description = "An enabled chain (ethereum, tron, bitcoin, ...).")
  String chainName;

  @Option(names = "--accounts", required = true, paramLabel = "N", description = "How many accounts (1..1000000).")
  int accounts;

  @Option(names = "--wallets", defaultValue = "1", paramLabel = "W", description = "Spread them over W new wallets (default ${DEFAULT-VALUE}).")
  int wallets;

  public SeedCommand(Supplier<GatewayConfig> config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (accounts < 1 || accounts > 1_000_000) {
      throw new CliException("--accounts must be between 1 and 1000000");
    }
    if (wallets < 1 || wallets > accounts) {
      throw new CliException("--wallets must be between 1 and --accounts");
    }
    GatewayConfig cfg = config.get();
    AssetRegistry registry = AssetRegistry.load(cfg.registryFile());
    if (registry.chain(chainName).isEmpty()) {
      throw new CliException("--chain must be one of " + String.join(", ", registry.chains().keySet()));
    }
    try (CliSession session = new CliSession(cfg)) {
      if (session.await(session.clients().access(clientId)).isEmpty()) {
        throw new CliException("no client " + clientId);
      }
      PrintWriter out = spec.commandLine().getOut();
      session.await(session.accountsWithKeys().seed(clientId, chainName, accounts, wallets, batch -> {
        for (Account a : batch) {
          out.println(new JsonObject().put("client_id", clientId).put("wallet_id", a.walletId())
              .put("account_id", a.accountId()).put("chain", a.chain()).put("address", a.address()).encode());
        }
      }));
      out.flush();
    }
    return 0;
  }
}
