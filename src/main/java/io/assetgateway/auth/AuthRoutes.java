package io.assetgateway.auth;

import io.assetgateway.web.Route;
import java.util.List;

/** The auth feature's entries of the route table. */
public final class AuthRoutes {
  private AuthRoutes() {}

  public static List<Route> of(IssueTokenHandler issueToken) {
    return List.of(
        Route.post("/api/v1/auth/token").apiKey()
            .doc("issueToken", "Issue a token from an API key and secret", "token").to(issueToken));
  }
}
