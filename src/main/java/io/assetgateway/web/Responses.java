package io.assetgateway.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;

/** Writes JSON responses: 200 bodies and the {@code {code, type, message}} error body. */
public final class Responses {
  private static final String JSON = "application/json";
  private static final String RECORDER = "responses.recorder";

  /** Sees a request's answer before it is written (the idempotency store keeps it for replays). */
  public interface Recorder {
    /** The answer is written once the returned future completes, whether it succeeded or not. */
    Future<Void> beforeSend(RoutingContext ctx, int status, Buffer body);
  }

  private Responses() {}

  public static void ok(RoutingContext ctx, JsonObject body) {
    send(ctx, 200, body.toBuffer());
  }

  /** 200 with the found resource, 404 not_found (with this message) when there is none. */
  public static <T> void okOrNotFound(RoutingContext ctx, Future<Optional<T>> lookup, Function<T, JsonObject> toJson,
      String notFoundMessage) {
    lookup.onSuccess(found -> found.ifPresentOrElse(r -> ok(ctx, toJson.apply(r)),
            () -> ctx.fail(ApiError.NOT_FOUND.with(notFoundMessage))))
        .onFailure(ctx::fail);
  }

  /** Looks up one of the caller's resources by (client id, resource id). */
  @FunctionalInterface
  public interface Finder<T> {
    Future<Optional<T>> find(String clientId, String id);
  }

  /** Lists the caller's resources, optionally filtered by one id. */
  @FunctionalInterface
  public interface Lister<T> {
    Future<Page<T>> list(String clientId, String filter, PageRequest page);
  }

  /** {@code GET .../{param}}: the caller's resource, or 404 "NOUN not found" (also for another client's). */
  public static <T> void byId(RoutingContext ctx, String param, String noun, Finder<T> finder,
      Function<T, JsonObject> toJson) {
    String notFound = noun + " not found";
    String id = PathIds.of(ctx, param, notFound);
    if (id != null) {
      okOrNotFound(ctx, finder.find(Caller.clientId(ctx), id), toJson, notFound);
    }
  }

  /** {@code GET ...?filter=}: a page of the caller's resources; {@code filter} names the optional id filter. */
  public static <T> void list(RoutingContext ctx, String filter, Lister<T> lister, Function<T, JsonObject> toJson) {
    PageRequest page = PageRequest.of(ctx);
    String filterValue = filter == null ? null : PageRequest.idFilter(ctx, filter);
    page(ctx, page, lister.list(Caller.clientId(ctx), filterValue, page), toJson);
  }

  /** 200 with the list body {@code {data, total, has_more}} of a page. */
  public static <T> void page(RoutingContext ctx, PageRequest request, Future<Page<T>> lookup,
      Function<T, JsonObject> toJson) {
    lookup.onSuccess(p -> ok(ctx, request.body(p.rows(), p.total(), toJson))).onFailure(ctx::fail);
  }

  public static void error(RoutingContext ctx, ApiError error, String message) {
    if (error == ApiError.TOO_MANY_REQUESTS && ctx.response().headers().get("Retry-After") == null) {
      ctx.response().putHeader("Retry-After", "1");
    }
    send(ctx, error.status(), errorBody(error, message).toBuffer());
  }

  public static JsonObject errorBody(ApiError error, String message) {
    return new JsonObject().put("code", error.code()).put("type", error.type()).put("message", message);
  }

  /** Has every later answer of this request pass through {@code recorder} first. */
  public static void record(RoutingContext ctx, Recorder recorder) {
    ctx.put(RECORDER, recorder);
  }

  /** Stops recording this request's answers. */
  public static void stopRecording(RoutingContext ctx) {
    ctx.remove(RECORDER);
  }

  /** A JSON body as it is, with this status (a stored answer replayed). */
  public static void json(RoutingContext ctx, int status, Buffer body) {
    send(ctx, status, body);
  }

  private static void send(RoutingContext ctx, int status, Buffer body) {
    Recorder recorder = ctx.get(RECORDER);
    if (recorder != null) {
      // recorded even when the client has gone: a retry must find what was done
      recorder.beforeSend(ctx, status, body).onComplete(done -> write(ctx, status, body));
      return;
    }
    write(ctx, status, body);
  }

  private static void write(RoutingContext ctx, int status, Buffer body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body);
  }
}
