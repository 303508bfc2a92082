package io.assetgateway.client;

/** Whether a client may obtain and use tokens. */
public enum ClientStatus {
  ACTIVE, INACTIVE
}
