package io.assetgateway.web;

/**
 * The one error table of the API: each code with its HTTP status and error type, as published
 * (plus 413 and 503, which the published table lacks).
 */
public enum ApiError {
  BAD_REQUEST(400, "bad_request", "invalid_request_error"),
  INVALID_PARAMETER(400, "invalid_parameter", "invalid_request_error"),
  VALIDATION_FAILED(400, "validation_failed", "invalid_request_error"),
  UNAUTHORIZED(401, "unauthorized", "authentication_error"),
  INVALID_TOKEN(401, "invalid_token", "authentication_error"),
  TOKEN_EXPIRED(401, "token_expired", "authentication_error"),
  FORBIDDEN(403, "forbidden", "permission_error"),
  NOT_FOUND(404, "not_found", "not_found_error"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed", "invalid_request_error"),
  CONFLICT(409, "conflict", "conflict_error"),
  PAYLOAD_TOO_LARGE(413, "payload_too_large", "invalid_request_error"),
  URI_TOO_LONG(414, "uri_too_long", "invalid_request_error"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "invalid_request_error"),
  TOO_MANY_REQUESTS(429, "too_many_requests", "rate_limit_error"),
  HEADERS_TOO_LARGE(431, "headers_too_large", "invalid_request_error"),
  WALLET_LIMIT_REACHED(400, "wallet_limit_reached", "business_error"),
  WALLET_NOT_ACTIVE(400, "wallet_not_active", "business_error"),
  ACCOUNT_NOT_ACTIVE(400, "account_not_active", "business_error"),
  ASSET_ALREADY_EXISTS(400, "asset_already_exists", "business_error"),
  INSUFFICIENT_BALANCE(400, "insufficient_balance", "business_error"),
  INVALID_ADDRESS(400, "invalid_address", "business_error"),
  TRANSACTION_FAILED(400, "transaction_failed", "business_error"),
  CONCURRENCY_ERROR(400, "concurrency_error", "business_error"),
  INTERNAL_ERROR(500, "internal_error", "api_error"),
  SERVICE_UNAVAILABLE(503, "service_unavailable", "api_error");

  private final int status;
  private final String code;
  private final String type;

  ApiError(int status, String code, String type) {
    this.status = status;
    this.code = code;
    this.type = type;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String type() {
    return type;
  }

  /** An exception carrying this error and a client-facing message. */
  public ApiException with(String message) {
    return new ApiException(this, message);
  }
}
