package io.assetgateway.ledger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What {@code ledger verify} found: how much it checked, and every difference (none when the ledger holds). */
public record LedgerReport(long assetsChecked, long entriesChecked, List<Difference> differences) {

  /** One asset or transaction that does not agree with the ledger, and how. */
  public record Difference(String id, String problem) {}

  public boolean consistent() {
    return differences.isEmpty();
  }

  public JsonObject toJson() {
    JsonArray found = new JsonArray();
    differences.forEach(d -> found.add(new JsonObject().put("id", d.id()).put("problem", d.problem())));
    return new JsonObject().put("consistent", consistent()).put("assets_checked", assetsChecked)
        .put("entries_checked", entriesChecked).put("differences", found);
  }
}
