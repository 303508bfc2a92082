package io.assetgateway.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * Builds the router from the route table. Every route gets the same chain, in the same order: route template
 * (for logs and metrics), body, authentication, rate limit, schema validation, idempotency (routes that are
 * {@link Route#idempotent()}), handler. What authentication, rate limiting and idempotency mean is supplied by the
 * composition root ({@link Guards}), so this toolkit knows no feature.
 */
public final class ApiRouter {
  private ApiRouter() {}

  /** The handlers behind a route's access and rate class; null means nothing to check. */
  public interface Guards {
    Handler<RoutingContext> authentication(Route.Access access);

    Handler<RoutingContext> rateLimit(Route.RateClass rateClass);

    /** The {@code Idempotency-Key} handler of the idempotent routes; null: none. */
    default Handler<RoutingContext> idempotency() {
      return null;
    }
  }

  /**
   * Settings of the chain every route shares; {@code endOfRequest} (access lines and per-route metrics) may be null.
   */
  public record Options(int bodyLimitBytes, long requestTimeoutMillis, AccessLog endOfRequest) {}

  /** "/api/v1/wallets/" names a wallet; "/api/v1/transactions/" a transaction. */
  static String resourceNoun(String collectionPath) {
    String[] segments = collectionPath.split("/");
    String last = segments[segments.length - 1];
    return last.endsWith("s") ? last.substring(0, last.length() - 1) : last;
  }

  /** The guards a route's request passes before its body is validated: authentication, then the rate limit. */
  private static List<Handler<RoutingContext>> guardsOf(Route route, Guards guards) {
    List<Handler<RoutingContext>> chain = new java.util.ArrayList<>();
    Handler<RoutingContext> auth = guards.authentication(route.access());
    if (auth != null) {
      chain.add(auth);
    }
    Handler<RoutingContext> limit = guards.rateLimit(route.rateClass());
    if (limit != null) {
      chain.add(limit);
    }
    return chain;
  }

  /** A router serving exactly these routes; everything else is a JSON 404/405 through {@code errors}. */
  public static Router build(Vertx vertx, List<Route> routes, Guards guards, ErrorMapping errors, Options options) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(options.bodyLimitBytes());
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds());
    if (options.endOfRequest() != null) {
      router.route().handler(options.endOfRequest());
    }
    // Whatever a request waits on (a frozen database connection, say), it is answered within this bound:
    // 503 service_unavailable, through the error mapping.
    router.route().handler(new RequestTimeout(options.requestTimeoutMillis()));
    Handler<RoutingContext> idempotency = guards.idempotency();
    for (Route route : routes) {
      if (route.path().endsWith("}")) {
        // "/api/v1/wallets/" (what get_wallet("") sends) is this route with its id missing: 400, never the list
        String collection = route.routerPath().substring(0, route.routerPath().lastIndexOf('/') + 1);
        String noun = resourceNoun(collection);
        io.vertx.ext.web.Route missingId = router.routeWithRegex(route.method(),
            java.util.regex.Pattern.quote(collection)).handler(new RouteTemplate(route.routerPath()));
        guardsOf(route, guards).forEach(missingId::handler);
        missingId.handler(ctx -> ctx.fail(ApiError.INVALID_PARAMETER.with("Missing " + noun + " ID")));
      }
    }
    for (Route route : routes) {
      io.vertx.ext.web.Route r = router.route(route.method(), route.routerPath())
          .handler(new RouteTemplate(route.routerPath()));
      if (route.method().name().equals("POST")) {
        r.handler(body);
      }
      guardsOf(route, guards).forEach(r::handler);
      if (route.requestSchema() != null) {
        r.handler(JsonBodyValidator.forSchema(route.requestSchema()));
      }
      if (idempotency != null && route.idempotent()) {
        r.handler(idempotency); // after validation: a refused body is not a first answer worth keeping
      }
      r.handler(route.handler());
    }
    router.route().failureHandler(errors);
    // nothing under /api/v1 redirects: Vert.x never does, and no handler answers 3xx
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, errors);
    }
    return router;
  }
}
