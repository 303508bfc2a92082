package io.assetgateway.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fast acceptance check compiled from a request schema, for the hot path: the schemas in {@code schemas/}
 * use a handful of keywords (an object's type, required and properties; a property's type, enum, minLength
 * and maxLength), which this evaluates directly. It only ever accepts; anything it rejects is re-checked by
 * vertx-json-schema, which stays the authority and writes the error. A schema with any other keyword is not
 * compiled ({@link #compile} returns null) and the library validates everything. A differential test keeps
 * the two in agreement.
 */
final class CompiledSchema {
  private static final Set<String> ROOT_KEYWORDS =
      Set.of("$schema", "$id", "title", "description", "type", "required", "properties");
  private static final Set<String> PROPERTY_KEYWORDS = Set.of("description", "type", "enum", "minLength", "maxLength");

  private final String[] required;
  private final Property[] properties;

  private CompiledSchema(String[] required, Property[] properties) {
    this.required = required;
    this.properties = properties;
  }

  /** The compiled check, or null when the schema uses a keyword this does not evaluate. */
  static CompiledSchema compile(JsonObject schema) {
    if (!ROOT_KEYWORDS.containsAll(schema.fieldNames()) || !"object".equals(schema.getValue("type"))) {
      return null;
    }
    List<String> required = new ArrayList<>();
    Object rawRequired = schema.getValue("required");
    if (rawRequired != null) {
      if (!(rawRequired instanceof JsonArray array)) {
        return null;
      }
      for (Object name : array) {
        if (!(name instanceof String s)) {
          return null;
        }
        required.add(s);
      }
    }
    List<Property> properties = new ArrayList<>();
    Object rawProperties = schema.getValue("properties");
    if (rawProperties != null) {
      if (!(rawProperties instanceof JsonObject props)) {
        return null;
      }
      for (Map.Entry<String, Object> e : props) {
        if (!(e.getValue() instanceof JsonObject p) || !PROPERTY_KEYWORDS.containsAll(p.fieldNames())) {
          return null;
        }
        Property property = Property.compile(e.getKey(), p);
        if (property == null) {
          return null;
        }
        properties.add(property);
      }
    }
    return new CompiledSchema(required.toArray(new String[0]), properties.toArray(new Property[0]));
  }

  /** True when the body certainly conforms to the schema. */
  boolean accepts(JsonObject body) {
    for (String name : required) {
      if (!body.containsKey(name)) {
        return false;
      }
    }
    for (Property p : properties) {
      if (body.containsKey(p.name) && !p.accepts(body.getValue(p.name))) {
        return false;
      }
    }
    return true;
  }

  private record Property(String name, boolean anyType, boolean string, boolean nullable, Object[] allowed,
      int minLength, int maxLength) {

    static Property compile(String name, JsonObject p) {
      Object type = p.getValue("type");
      boolean anyType = type == null;
      boolean string = false;
      boolean nullable = false;
      List<Object> types = type instanceof JsonArray a ? a.getList() : type == null ? List.of() : List.of(type);
      for (Object t : types) {
        if ("string".equals(t)) {
          string = true;
        } else if ("null".equals(t)) {
          nullable = true;
        } else {
          return null; // other types are left to the library
        }
      }
      Object[] allowed = null;
      if (p.containsKey("enum")) {
        if (!(p.getValue("enum") instanceof JsonArray values)) {
          return null;
        }
        for (Object v : values) {
          if (v != null && !(v instanceof String)) {
            return null;
          }
        }
        allowed = values.getList().toArray();
      }
      Integer min = p.getValue("minLength") instanceof Integer i ? i : p.containsKey("minLength") ? null : 0;
      Integer max = p.getValue("maxLength") instanceof Integer i ? i : p.containsKey("maxLength") ? null : Integer.MAX_VALUE;
      if (min == null || max == null) {
        return null;
      }
      return new Property(name, anyType, string, nullable, allowed, min, max);
    }

    boolean accepts(Object value) {
      if (!anyType && !((value == null && nullable) || (value instanceof String && string))) {
        return false;
      }
      if (allowed != null) {
        boolean found = false;
        for (Object a : allowed) {
          if (a == null ? value == null : a.equals(value)) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      if (value instanceof String s && (minLength > 0 || maxLength < Integer.MAX_VALUE)) {
        int length = s.codePointCount(0, s.length()); // JSON Schema counts code points
        return length >= minLength && length <= maxLength;
      }
      return true;
    }
  }
}
