package io.assetgateway.ops;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;

/** {@code GET /health}: 200 UP when the database answers, else 503 DOWN. No authentication. */
public final class HealthHandler implements Handler<RoutingContext> {
  private final SqlClient db;
  private final long timeoutSeconds;

  public HealthHandler(SqlClient db, long timeoutSeconds) {
    this.db = db;
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public void handle(RoutingContext ctx) {
    db.query("SELECT 1").execute().timeout(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS).onComplete(ar -> {
      boolean up = ar.succeeded();
      ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", up ? "UP" : "DOWN").toBuffer());
    });
  }
}
