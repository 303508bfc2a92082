package io.assetgateway.cli;

import io.assetgateway.config.GatewayConfig;
import io.assetgateway.webhook.DeliveryStatus;
import io.assetgateway.webhook.OutboxEvent;
import io.assetgateway.webhook.WebhookService;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webhooks list | redeliver}: the webhook outbox. */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Inspect the webhook outbox and redeliver events.")
public final class WebhooksCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code webhooks list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "A client's webhook events, newest first, one JSON object per line: event_id, client_id, source_id,"
          + " event_type, status, attempts, next_attempt_at, last_error, created_at, delivered_at.")
  public static final class ListEvents implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Option(names = "--client", required = true, paramLabel = "CLIENT_ID")
    String clientId;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only pending, delivered or failed events.")
    String status;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N events (1.."
        + WebhookService.MAX_LIST + ", default ${DEFAULT-VALUE}).")
    int limit;

    public ListEvents(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      Optional<DeliveryStatus> only;
      try {
        only = Optional.ofNullable(status).map(DeliveryStatus::parse);
      } catch (IllegalArgumentException e) {
        throw new CliException("--status must be pending, delivered or failed (got " + status + ")");
      }
      try (CliSession session = new CliSession(config.get())) {
        List<OutboxEvent> events = session.await(session.webhooks().list(clientId, only, limit));
        PrintWriter out = spec.commandLine().getOut();
        events.forEach(e -> out.println(e.toJson().encode()));
        out.flush();
      }
      return 0;
    }
  }

  /** {@code webhooks redeliver}. */
  @Command(name = "redeliver", mixinStandardHelpOptions = true,
      description = "Queue an event for delivery again now (same event_id and body; a failed event gets a fresh"
          + " WEBHOOK_GIVE_UP_HOURS); prints it.")
  public static final class Redeliver implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Supplier<GatewayConfig> config;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    String eventId;

    public Redeliver(Supplier<GatewayConfig> config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      try (CliSession session = new CliSession(config.get())) {
        OutboxEvent event = session.await(session.webhooks().redeliver(eventId));
        spec.commandLine().getOut().println(event.toJson().encode());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
