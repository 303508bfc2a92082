package io.assetgateway.ops;

import io.assetgateway.registry.AssetRegistry;
import io.assetgateway.web.Route;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The operational entries of the route table: health and the OpenAPI document (always on the API listener), and the
 * probes and metrics (on the management listener when there is one, else on the API listener).
 */
public final class OpsRoutes {
  private OpsRoutes() {}

  /** What the operational routes look at. {@code metricsPath} is null when metrics are off; the document only the API's. */
  public record Sources(Vertx vertx, SqlClient db, long timeoutSeconds, String schemaVersion, AssetRegistry registry,
      String metricsPath, String metricsRegistryName, Supplier<Buffer> openApiDocument) {}

  /** {@code /health} and {@code /openapi.json}: what API clients may ask of the API listener. */
  public static List<Route> api(Sources sources) {
    return List.of(
        Route.get("/health")
            .doc("getHealth", "Database reachable", "health").to(new HealthHandler(sources.db(), sources.timeoutSeconds())),
        Route.get("/openapi.json").inline("application/json")
            .doc("getOpenApi", "This document", null)
            .to(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(sources.openApiDocument().get())));
  }

  /** {@code /live}, {@code /ready} and the metrics path: what operators and their scrapers ask. */
  public static List<Route> management(Sources sources) {
    List<Route> routes = new ArrayList<>(List.of(
        Route.get("/live").inline("application/json")
            .doc("getLive", "The process serves requests", null).to(Probes.liveness(sources.vertx())),
        Route.get("/ready").inline("application/json")
            .doc("getReady", "Database reachable, schema migrated, registry loaded", null)
            .to(Probes.readiness(sources.vertx(), sources.db(), sources.timeoutSeconds(), sources.schemaVersion(),
                sources.registry()))));
    if (sources.metricsPath() != null) {
      routes.add(Route.get(sources.metricsPath()).inline("text/plain")
          .doc("getMetrics", "Prometheus metrics", null)
          .to(PrometheusScrapingHandler.create(sources.metricsRegistryName())));
    }
    return routes;
  }
}
