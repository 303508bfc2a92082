package io.assetgateway.ops;

import io.assetgateway.registry.AssetRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /live} (the process serves requests) and {@code GET /ready} (database reachable, schema migrated at
 * least to this build's version, registry loaded), as Vert.x health checks: 200 when every check is UP, else
 * 503, with a JSON body listing each check.
 */
public final class Probes {
  private static final String SCHEMA_VERSION = """
      SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
      ORDER BY installed_rank DESC LIMIT 1""";

  private Probes() {}

  public static HealthCheckHandler liveness(Vertx vertx) {
    // answering at all is the proof: the event loop that runs this check is serving requests
    return HealthCheckHandler.createWithHealthChecks(HealthChecks.create(vertx)
        .register("event-loop", promise -> promise.complete(Status.OK())));
  }

  public static HealthCheckHandler readiness(Vertx vertx, SqlClient db, long timeoutSeconds, String expectedSchema,
      AssetRegistry registry) {
    HealthChecks checks = HealthChecks.create(vertx)
        .register("database", timeoutSeconds * 1000, promise -> db.query("SELECT 1").execute()
            .timeout(timeoutSeconds, TimeUnit.SECONDS)
            .onComplete(ar -> promise.complete(ar.succeeded() ? Status.OK() : Status.KO())))
        .register("migrations", timeoutSeconds * 1000, promise -> db.query(SCHEMA_VERSION).execute()
            .timeout(timeoutSeconds, TimeUnit.SECONDS)
            .onComplete(ar -> {
              if (ar.failed() || ar.result().size() == 0) {
                promise.complete(Status.KO(new JsonObject().put("expected", expectedSchema)));
                return;
              }
              Row row = ar.result().iterator().next();
              String found = row.getString("version");
              boolean current = Integer.parseInt(found) >= Integer.parseInt(expectedSchema);
              JsonObject data = new JsonObject().put("version", found).put("expected", expectedSchema);
              promise.complete(current ? Status.OK(data) : Status.KO(data));
            }))
        .register("registry", promise -> promise.complete(Status.OK(new JsonObject()
            .put("chains", registry.chains().size()).put("assets", registry.entries().size()))));
    return HealthCheckHandler.createWithHealthChecks(checks);
  }
}
