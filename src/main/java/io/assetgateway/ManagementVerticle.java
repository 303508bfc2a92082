package io.assetgateway;

import io.assetgateway.config.GatewayConfig;
import io.assetgateway.db.Pools;
import io.assetgateway.ops.OpsRoutes;
import io.assetgateway.web.AccessLog;
import io.assetgateway.web.ApiRouter;
import io.assetgateway.web.ErrorMapping;
import io.assetgateway.web.InvalidRequests;
import io.assetgateway.web.Route;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The management listener ({@code MANAGEMENT_PORT}, one instance): {@code /metrics}, {@code /ready} and {@code /live}
 * on their own address (127.0.0.1 unless {@code MANAGEMENT_BIND} says otherwise), so they need not be exposed where
 * the API is. Readiness asks the database through its own one-connection pool.
 */
public final class ManagementVerticle extends VerticleBase {
  private static final ApiRouter.Guards OPEN = new ApiRouter.Guards() {
    @Override
    public Handler<RoutingContext> authentication(Route.Access access) {
      return null;
    }

    @Override
    public Handler<RoutingContext> rateLimit(Route.RateClass rateClass) {
      return null;
    }
  };

  private final ApiVerticle.Shared shared;
  private Pool pool;
  private HttpServer server;
  private AccessLog endOfRequest;

  public ManagementVerticle(ApiVerticle.Shared shared) {
    this.shared = shared;
  }

  @Override
  public Future<?> start() {
    GatewayConfig config = shared.config();
    GatewayConfig.Management management = config.http().management().orElseThrow();
    pool = Pools.create(vertx, shared.databaseUrl(), config, 1);
    List<Route> routes = OpsRoutes.management(new OpsRoutes.Sources(vertx, pool, config.database().connectTimeoutSeconds(),
        shared.schemaVersion(), shared.registry(), config.metrics().enabled() ? config.metrics().path() : null,
        shared.metricsRegistryName(), null));
    endOfRequest = shared.endOfRequest(vertx);
    Router router = ApiRouter.build(vertx, routes, OPEN, new ErrorMapping(shared.metrics()),
        new ApiRouter.Options(config.http().bodyLimitBytes(), (config.database().connectTimeoutSeconds() + 1) * 1000L,
            endOfRequest));
    HttpServerOptions options = new HttpServerOptions()
        .setHost(management.bind())
        .setPort(management.port())
        .setMaxHeaderSize(16 * 1024)
        .setIdleTimeout(config.http().idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    return vertx.createHttpServer(options).invalidRequestHandler(new InvalidRequests()).requestHandler(router).listen()
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    Future<Void> closeServer = server == null ? Future.succeededFuture() : server.close();
    return closeServer.eventually(() -> {
      if (endOfRequest != null) {
        endOfRequest.close();
      }
      return pool == null ? Future.succeededFuture() : pool.close();
    });
  }
}
