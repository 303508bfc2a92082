package io.assetgateway.account;

/** Whether assets may be added to an account (and, with the ledger, funds moved from it). */
public enum AccountStatus {
  ACTIVE, INACTIVE
}
