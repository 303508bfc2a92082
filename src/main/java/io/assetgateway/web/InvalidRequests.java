package io.assetgateway.web;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder could not read (header block too large, request line too long, malformed) never
 * reach the router; this answers them in the same JSON error body instead of Vert.x's plain default. The
 * server closes the connection afterwards.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {
  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error;
    String message;
    if (cause instanceof TooLongHttpHeaderException) {
      error = ApiError.HEADERS_TOO_LARGE;
      message = "Request headers are too large";
    } else if (cause instanceof TooLongHttpLineException || cause instanceof TooLongFrameException) {
      error = ApiError.URI_TOO_LONG;
      message = "Request line is too long";
    } else {
      error = ApiError.BAD_REQUEST;
      message = "Malformed HTTP request";
    }
    request.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json")
        .end(Responses.errorBody(error, message).toBuffer());
  }
}
