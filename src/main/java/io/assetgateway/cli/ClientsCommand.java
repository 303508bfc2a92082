package io.assetgateway.cli;

import io.assetgateway.client.Client;
import io.assetgateway.client.ClientStatus;
import io.assetgateway.client.NewClient;
import io.assetgateway.webhook.WebhookService;
import io.assetgateway.webhook.WebhookSettings;
import io.vertx.core.Future;
import io.assetgateway.web.ApiException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.assetgateway.config.GatewayConfig;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clients create | set-status | rotate-secret | allowlist | webhook}: manage API clients. */
@Command(name = "clients", mixinStandardHelpOptions = true,
    description = "Create clients, change their status, credentials, allowlist and webhook.")
public final class ClientsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code clients create}. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an ACTIVE client and print it with its API key and secret (the secret is shown only once).")
  public static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Option(names = "--name", required = true, description = "Client name (1..200 characters).")
    String name;

    @Option(names = "--max-wallets", defaultValue = "10", description = "Most wallets the client may hold (default ${DEFAULT-VALUE}).")
    int maxWallets;

    @Option(names = "--allow-ip", paramLabel = "CIDR", description = "Only accept this client's calls from this address or range (IPv4 or IPv6; repeatable).")
    List<String> allowIps = new ArrayList<>();

    public Create(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      if (name.isBlank() || name.length() > 200) {
        throw new CliException("--name must be 1..200 characters");
      }
      if (maxWallets < 0) {
        throw new CliException("--max-wallets must be 0 or more");
      }
      try (CliSession session = new CliSession(config.get())) {
        NewClient created;
        try {
          created = session.clients().create(name, maxWallets, allowIps).await(120, TimeUnit.SECONDS);
        } catch (ApiException e) {
          throw new CliException("--allow-ip must be an IPv4 or IPv6 address or CIDR range (got " + allowIps + ")");
        } catch (TimeoutException e) {
          throw new CliException("the database did not answer within 120 s");
        }
        Client client = created.client();
        String apiKey = created.apiKey();
        String apiSecret = created.apiSecret();
        JsonObject out = new JsonObject()
            .put("client_id", client.clientId())
            .put("client_name", client.clientName())
            .put("api_key", apiKey)
            .put("api_secret", apiSecret)
            .put("status", client.status().name())
            .put("max_wallets", client.maxWallets());
        if (!client.allowedIps().isEmpty()) {
          out.put("allowed_ips", client.allowedIps());
        }
        spec.commandLine().getOut().println(out.encode());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  /** {@code clients set-status}. */
  @Command(name = "set-status", mixinStandardHelpOptions = true,
      description = "Set a client ACTIVE or INACTIVE. Its tokens stop working within seconds of INACTIVE.")
  public static final class SetStatus implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Parameters(index = "0", paramLabel = "CLIENT_ID")
    String clientId;

    @Parameters(index = "1", paramLabel = "STATUS", description = "ACTIVE or INACTIVE.")
    ClientStatus status;

    public SetStatus(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      try (CliSession session = new CliSession(config.get())) {
        Client client = session.await(session.clients().setStatus(clientId, status))
            .orElseThrow(() -> new CliException("no client " + clientId));
        spec.commandLine().getOut().println(new JsonObject()
            .put("client_id", client.clientId()).put("client_name", client.clientName())
            .put("status", client.status().name()).encode());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  /** {@code clients rotate-secret}. */
  @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
      description = "Issue a new API secret (shown only this once); the old one stops working within CLIENT_CACHE_MILLIS."
          + " Tokens already issued stay valid until they expire.")
  public static final class RotateSecret implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Parameters(index = "0", paramLabel = "CLIENT_ID")
    String clientId;

    public RotateSecret(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      try (CliSession session = new CliSession(config.get())) {
        NewClient rotated = session.await(session.clients().rotateSecret(clientId))
            .orElseThrow(() -> new CliException("no client " + clientId));
        spec.commandLine().getOut().println(new JsonObject().put("client_id", clientId).put("api_key", rotated.apiKey())
            .put("api_secret", rotated.apiSecret()).encode());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  /** {@code clients allowlist}. */
  @Command(name = "allowlist", mixinStandardHelpOptions = true,
      description = "Add or remove IP ranges a client may call from (an empty list: anywhere); prints the client's list."
          + " Takes effect within CLIENT_CACHE_MILLIS.")
  public static final class Allowlist implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Parameters(index = "0", paramLabel = "CLIENT_ID")
    String clientId;

    @Option(names = "--add", paramLabel = "CIDR", description = "An IPv4 or IPv6 address or range to allow (repeatable).")
    List<String> add = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "CIDR", description = "An entry to remove (repeatable).")
    List<String> remove = new ArrayList<>();

    public Allowlist(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      try (CliSession session = new CliSession(config.get())) {
        Client client;
        try {
          client = session.clients().changeAllowlist(clientId, add, remove).await(120, TimeUnit.SECONDS)
              .orElseThrow(() -> new CliException("no client " + clientId));
        } catch (ApiException e) {
          throw new CliException("--add and --remove take IPv4 or IPv6 addresses or CIDR ranges");
        } catch (TimeoutException e) {
          throw new CliException("the database did not answer within 120 s");
        }
        spec.commandLine().getOut().println(new JsonObject().put("client_id", client.clientId())
            .put("allowed_ips", client.allowedIps()).encode());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  /** {@code clients webhook}. */
  @Command(name = "webhook", mixinStandardHelpOptions = true,
      description = "Configure where a client's transaction events are POSTed, signed. --url sets (and enables) it; a"
          + " client without a webhook, or --rotate-secret, gets a new signing secret, printed only this once."
          + " --disable stops new events. With no option: show the settings. Prints one JSON line:"
          + " client_id, webhook_url, webhook_secret (when new), enabled.")
  public static final class Webhook implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Parameters(index = "0", paramLabel = "CLIENT_ID")
    String clientId;

    @Option(names = "--url", paramLabel = "URL", description = "An http(s) URL resolving to a public address"
        + " (private, loopback and link-local ones only with WEBHOOK_ALLOW_PRIVATE=true).")
    String url;

    @Option(names = "--rotate-secret", description = "Issue a new signing secret (printed once); the old one stops at once.")
    boolean rotateSecret;

    @Option(names = "--disable", description = "Stop sending events to this client (pending ones fail at their next attempt).")
    boolean disable;

    public Webhook(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      if (disable && (url != null || rotateSecret)) {
        throw new CliException("--disable cannot be combined with --url or --rotate-secret");
      }
      try (CliSession session = new CliSession(config.get())) {
        WebhookService webhooks = session.webhooks();
        Future<WebhookSettings> change;
        if (disable) {
          change = webhooks.disable(clientId);
        } else if (url != null) {
          change = webhooks.configure(clientId, url, rotateSecret);
        } else if (rotateSecret) {
          change = webhooks.rotateSecret(clientId);
        } else {
          change = webhooks.settings(clientId);
        }
        spec.commandLine().getOut().println(session.await(change).toJson().encode());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
