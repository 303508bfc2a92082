package io.assetgateway.support;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Rust SDK 1.6's {@code parse_event} (serde into {@code WebhookEvent}, {@code webhook.rs:49-77}) accepts: the
 * strictest reader of the webhook body. Every non-Option field present and non-null with its type; u64 fields
 * non-negative integers; {@code confirmed_at: Option<String>} absent, null or a string.
 */
public final class RustWebhookEvent {
  private enum Type { STRING, U64, I32, F64, BOOL, OPTION_STRING }

  /** The struct's fields in declaration order. */
  public static final Map<String, Type> FIELDS = new LinkedHashMap<>();

  static {
    for (String s : new String[] {"event_id", "event_type", "event_time", "source_id", "wallet_id", "account_id",
        "status", "transaction_type", "chain", "network", "txhash"}) {
      FIELDS.put(s, Type.STRING);
    }
    FIELDS.put("block_number", Type.U64);
    for (String s : new String[] {"from", "to", "symbol", "contract_address", "amount"}) {
      FIELDS.put(s, Type.STRING);
    }
    FIELDS.put("decimals", Type.I32);
    FIELDS.put("confirmations", Type.U64);
    FIELDS.put("required_confirmations", Type.U64);
    FIELDS.put("created_at", Type.STRING);
    FIELDS.put("confirmed_at", Type.OPTION_STRING);
    FIELDS.put("risk_checked", Type.BOOL);
    FIELDS.put("risk_score", Type.F64);
    FIELDS.put("risk_level", Type.STRING);
    FIELDS.put("data", Type.STRING);
  }

  private RustWebhookEvent() {}

  /** Throws AssertionError naming the first field serde would refuse. */
  public static void parse(JsonObject body) {
    FIELDS.forEach((name, type) -> {
      Object value = body.getValue(name);
      boolean ok = switch (type) {
        case STRING -> value instanceof String;
        case OPTION_STRING -> value == null || value instanceof String;
        case BOOL -> value instanceof Boolean;
        case F64 -> value instanceof Number;
        case U64 -> isInteger(value) && new BigInteger(value.toString()).signum() >= 0
            && new BigInteger(value.toString()).bitLength() <= 64;
        case I32 -> isInteger(value) && new BigInteger(value.toString()).bitLength() < 32;
      };
      if (!ok) {
        throw new AssertionError("Rust 1.6 parse_event fails on " + name + " = " + value + " (wants " + type + ")");
      }
    });
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger
        || value instanceof Short || value instanceof Byte;
  }
}
