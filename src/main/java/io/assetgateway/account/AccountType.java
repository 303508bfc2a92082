package io.assetgateway.account;

import java.util.Optional;

/**
 * What an account is for; the published gateway offers INBOUND only, and shows it as both {@code account_type}
 * and {@code address_type}.
 */
public enum AccountType {
  INBOUND;

  /**
   * The type a request asks for: absent, null or "" is INBOUND (the default); DEPOSIT is another name for it
   * (the Python SDK's README and older SDK docs send it); anything else is empty.
   */
  public static Optional<AccountType> fromRequest(String requested) {
    if (requested == null || requested.isEmpty() || requested.equals("INBOUND") || requested.equals("DEPOSIT")) {
      return Optional.of(INBOUND);
    }
    return Optional.empty();
  }
}
