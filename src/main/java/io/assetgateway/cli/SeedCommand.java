package io.assetgateway.cli;

import io.assetgateway.account.AccountStorage;
import io.assetgateway.address.AddressFormats;
import io.assetgateway.keys.AddressDerivation;
import io.assetgateway.keys.MasterKey;
import io.assetgateway.keys.SeedVault;
import io.assetgateway.asset.AssetRegistry;
import io.assetgateway.asset.Chain;
import io.assetgateway.client.ClientStorage;
import io.assetgateway.common.Ids;
import io.assetgateway.config.GatewayConfig;
import io.assetgateway.wallet.WalletStorage;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
  private static final int BATCH = 5000;

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
    Chain chain = registry.chain(chainName).orElseThrow(() -> new CliException(
        "--chain must be one of " + String.join(", ", registry.chains().keySet())));
    try (CliSession session = new CliSession(cfg)) {
      if (session.await(new ClientStorage(session.pool()).findAccess(clientId)).isEmpty()) {
        throw new CliException("no client " + clientId);
      }
      SeedVault vault = new SeedVault(MasterKey.resolve(cfg.walletMasterKey(), cfg.dataDir()));
      List<String> walletIds = new ArrayList<>();
      List<String> walletNames = new ArrayList<>();
      List<byte[]> seeds = new ArrayList<>();
      List<byte[]> sealedSeeds = new ArrayList<>();
      for (int w = 0; w < wallets; w++) {
        String walletId = Ids.wallet();
        walletIds.add(walletId);
        walletNames.add("seed-" + chainName + "-" + (w + 1));
        seeds.add(SeedVault.newSeed());
        sealedSeeds.add(vault.encrypt(walletId, seeds.get(w)));
      }
      WalletStorage walletStorage = new WalletStorage(session.pool());
      for (int from = 0; from < wallets; from += BATCH) {
        int to = Math.min(wallets, from + BATCH);
        session.await(walletStorage.insertActive(clientId, walletIds.subList(from, to), walletNames.subList(from, to),
            sealedSeeds.subList(from, to)));
      }
      // Account i belongs to wallet i % W at derivation index i / W; derive each wallet's run in parallel.
      List<List<String>> addresses = java.util.stream.IntStream.range(0, wallets).parallel()
          .mapToObj(w -> AddressDerivation.addresses(chain.family(), seeds.get(w), 0,
              (accounts - w + wallets - 1) / wallets))
          .toList();
      AccountStorage accountStorage = new AccountStorage(session.pool());
      PrintWriter out = spec.commandLine().getOut();
      for (int from = 0; from < accounts; from += BATCH) {
        int to = Math.min(accounts, from + BATCH);
        List<AccountStorage.NewAccount> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          batch.add(new AccountStorage.NewAccount(Ids.account(), walletIds.get(i % wallets),
              addresses.get(i % wallets).get(i / wallets), i / wallets));
        }
        session.await(accountStorage.insertActive(clientId, chain.name(), chain.network(),
            AddressFormats.addressType(chain.family()), batch));
        for (AccountStorage.NewAccount a : batch) {
          out.println(new JsonObject().put("client_id", clientId).put("wallet_id", a.walletId())
              .put("account_id", a.accountId()).put("chain", chain.name()).put("address", a.address()).encode());
        }
      }
      out.flush();
    }
    return 0;
  }
}
