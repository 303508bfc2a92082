package io.assetgateway.cli;

/** The statuses an operator can set on clients and accounts. */
public enum Status {
  ACTIVE, INACTIVE
}
