package io.assetgateway.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the route table, the only place a route is named: the router, the route-template label of metrics
 * and access logs, and {@code /openapi.json} are all built from these entries. Paths use OpenAPI's {@code {param}}
 * syntax.
 */
public record Route(HttpMethod method, String path, Access access, RateClass rateClass, String requestSchema,
    Handler<RoutingContext> handler, Operation operation) {

  /** Who may call the route. */
  public enum Access {
    /** Anyone (probes, metrics, the OpenAPI document). */
    NONE,
    /** {@code X-API-Key} and {@code X-API-Secret}, checked by the handler itself (token issuance). */
    API_KEY,
    /** {@code Authorization: Bearer <JWT>} of an ACTIVE client. */
    BEARER
  }

  /** Which rate limit applies. */
  public enum RateClass {
    NONE,
    /** Per caller address and per API key, before the secret is checked (brute force). */
    TOKEN_ISSUANCE,
    /** Per authenticated client. */
    CLIENT
  }

  /** What a successful response carries, for the OpenAPI document. */
  public enum Shape {
    /** One object of the response schema. */
    ONE,
    /** A list page {@code {data: [schema], total, has_more}}. */
    PAGE,
    /** A body described by the operation's own inline schema (probes, metrics). */
    INLINE
  }

  /** The OpenAPI operation of a route. */
  public record Operation(String id, String summary, String responseSchema, Shape shape, String contentType,
      List<String> queryFilters, List<Integer> errors) {}

  public Route {
    Objects.requireNonNull(method);
    Objects.requireNonNull(path);
    Objects.requireNonNull(handler);
    Objects.requireNonNull(operation);
  }

  /** Header that makes a retried POST take effect once (its first answer is stored and replayed). */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Whether the route takes an {@code Idempotency-Key}: every POST of an authenticated client. */
  public boolean idempotent() {
    return method == HttpMethod.POST && access == Access.BEARER;
  }

  /** The path in Vert.x router syntax ({@code :param}). */
  public String routerPath() {
    return path.replaceAll("\\{([a-z_]+)}", ":$1");
  }

  /** Path parameter names in order. */
  public List<String> pathParameters() {
    List<String> names = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.startsWith("{") && segment.endsWith("}")) {
        names.add(segment.substring(1, segment.length() - 1));
      }
    }
    return names;
  }

  public static Builder get(String path) {
    return new Builder(HttpMethod.GET, path);
  }

  public static Builder post(String path) {
    return new Builder(HttpMethod.POST, path);
  }

  /** Reads as the route does: {@code Route.post(path).bearer().body("asset-create").doc(...).to(handler)}. */
  public static final class Builder {
    private final HttpMethod method;
    private final String path;
    private Access access = Access.NONE;
    private RateClass rateClass = RateClass.NONE;
    private String requestSchema;
    private String operationId;
    private String summary;
    private String responseSchema;
    private Shape shape = Shape.ONE;
    private String contentType = "application/json";
    private final List<String> filters = new ArrayList<>();
    private final List<Integer> errors = new ArrayList<>();

    private Builder(HttpMethod method, String path) {
      this.method = method;
      this.path = path;
    }

    /** Bearer JWT, rate-limited per client. */
    public Builder bearer() {
      this.access = Access.BEARER;
      this.rateClass = RateClass.CLIENT;
      return this;
    }

    /** API key and secret, rate-limited per key and address. */
    public Builder apiKey() {
      this.access = Access.API_KEY;
      this.rateClass = RateClass.TOKEN_ISSUANCE;
      return this;
    }

    /** The request body is validated against {@code schemas/NAME.json} before the handler runs. */
    public Builder body(String schemaName) {
      this.requestSchema = schemaName;
      return this;
    }

    /** Operation id, summary and the {@code schemas/} file of the 200 body. */
    public Builder doc(String id, String summary, String responseSchema) {
      this.operationId = id;
      this.summary = summary;
      this.responseSchema = responseSchema;
      return this;
    }

    /** A list: {@code page}, {@code page_size} and these optional filters; the 200 body is a page. */
    public Builder page(String... queryFilters) {
      this.shape = Shape.PAGE;
      this.filters.addAll(List.of(queryFilters));
      return this;
    }

    /** A body that is not one of the {@code schemas/} files (probes, metrics). */
    public Builder inline(String contentType) {
      this.shape = Shape.INLINE;
      this.contentType = contentType;
      return this;
    }

    /** Error statuses this route answers beyond those its access, body and path imply. */
    public Builder errors(Integer... statuses) {
      this.errors.addAll(List.of(statuses));
      return this;
    }

    public Route to(Handler<RoutingContext> handler) {
      Objects.requireNonNull(operationId, () -> "route " + method + " " + path + " needs doc(...)");
      return new Route(method, path, access, rateClass, requestSchema, handler,
          new Operation(operationId, summary, responseSchema, shape, contentType, List.copyOf(filters),
              List.copyOf(errors)));
    }
  }
}
