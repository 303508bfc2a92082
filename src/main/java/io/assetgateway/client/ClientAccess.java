package io.assetgateway.client;

import io.assetgateway.common.Cidr;
import java.util.List;

/**
 * What the Bearer check and token issuance need of a client: its status and the ranges it may call from (empty:
 * anywhere). {@link #allows} is the one allowlist rule of both paths (PostgreSQL only stores the ranges).
 */
public record ClientAccess(ClientStatus status, List<Cidr> allowedIps) {
  public boolean allows(String ip) {
    return allowedIps.isEmpty() || Cidr.anyContains(allowedIps, ip);
  }
}
