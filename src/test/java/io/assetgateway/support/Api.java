package io.assetgateway.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for the API, as an SDK would call it. */
public final class Api {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public Reply token(String apiKey, String apiSecret) {
    HttpRequest.Builder b = request("/api/v1/auth/token").POST(HttpRequest.BodyPublishers.noBody());
    if (apiKey != null) {
      b.header("X-API-Key", apiKey);
    }
    if (apiSecret != null) {
      b.header("X-API-Secret", apiSecret);
    }
    return send(b.build());
  }

  /** A Bearer token for these credentials (asserts the exchange works). */
  public String bearer(Fixtures.TestClient client) {
    Reply r = token(client.apiKey(), client.apiSecret());
    if (r.status() != 200) {
      throw new AssertionError("token exchange failed: " + r);
    }
    return r.json().getString("token");
  }

  public Reply addAsset(String token, JsonObject body) {
    return post("/api/v1/assets", Map.of("Authorization", "Bearer " + token), body.encode());
  }

  public Reply get(String token, String pathAndQuery) {
    return send("GET", pathAndQuery, Map.of("Authorization", "Bearer " + token));
  }

  public Reply postJson(String token, String path, JsonObject body) {
    return post(path, Map.of("Authorization", "Bearer " + token), body.encode());
  }

  /** Sends the same POST n times at once (separate connections) and returns the replies. */
  public java.util.List<Reply> postConcurrently(String token, String path, JsonObject body, int n) {
    return postConcurrently(token, path, body, n, Map.of());
  }

  /** Sends the same POST, with these extra headers, n times at once (separate connections). */
  public java.util.List<Reply> postConcurrently(String token, String path, JsonObject body, int n,
      Map<String, String> headers) {
    java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> futures = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
      headers.forEach(b::header);
      futures.add(HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()));
    }
    return futures.stream().map(java.util.concurrent.CompletableFuture::join)
        .map(r -> new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers()))
        .toList();
  }

  /** Sends one POST per body, all at once (separate connections); each reply with how long it took. */
  public java.util.List<Timed> postAllAtOnce(String token, String path, java.util.List<JsonObject> bodies) {
    java.util.List<java.util.concurrent.CompletableFuture<Timed>> futures = new java.util.ArrayList<>();
    for (JsonObject body : bodies) {
      long start = System.nanoTime();
      futures.add(HTTP.sendAsync(request(path).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
              .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Timed(
              new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers()),
              java.time.Duration.ofNanos(System.nanoTime() - start))));
    }
    return futures.stream().map(java.util.concurrent.CompletableFuture::join).toList();
  }

  /** A reply and the time from sending the request to receiving it. */
  public record Timed(Reply reply, Duration took) {}

  public Reply post(String path, Map<String, String> headers, String body) {
    HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    headers.forEach(b::header);
    return send(b.build());
  }

  public Reply send(String method, String path, Map<String, String> headers) {
    HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return send(b.build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  private static Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Status, content type and body of a response. */
  public record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public JsonObject json() {
      return new JsonObject(body);
    }

    public String code() {
      return json().getString("code");
    }
  }
}
