package io.assetgateway.registry;

import io.assetgateway.address.Base58;
import io.assetgateway.address.Eip55;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chains and (chain, symbol) pairs this server offers, loaded once from a data file and validated
 * at start. It is also the single home of the chain rules of Add Asset.
 */
public final class AssetRegistry {
  /** The symbols the published API accepts; the registry may offer only these. */
  public static final Set<String> API_SYMBOLS = Set.of("ETH", "TRX", "USDT", "USDC", "BNB", "MATIC", "BTC", "SOL");
  static final String BUNDLED_RESOURCE = "conf/asset-registry.json";
  private static final Set<String> ASSET_TYPES = Set.of("NATIVE", "ERC20", "BEP20", "TRC20");

  private final Map<String, Chain> chains;
  private final Map<String, RegistryEntry> entries;
  /** For each (symbol, requested chain or none): which account chain resolves to which entry. */
  private final Map<String, Map<String, RegistryEntry>> candidates = new java.util.HashMap<>();

  private AssetRegistry(Map<String, Chain> chains, Map<String, RegistryEntry> entries) {
    this.chains = Collections.unmodifiableMap(chains);
    this.entries = Collections.unmodifiableMap(entries);
    for (String symbol : API_SYMBOLS) {
      candidates.put(key(symbol, null), computeCandidates(symbol, null));
      for (String chain : chains.keySet()) {
        candidates.put(key(symbol, chain), computeCandidates(symbol, chain));
      }
    }
  }

  /** Loads the operator's file when it exists, else the copy bundled in the jar. */
  public static AssetRegistry load(Optional<Path> file) {
    if (file.isPresent() && Files.isRegularFile(file.get())) {
      try {
        return parse(Files.readString(file.get()), file.get().toString());
      } catch (IOException e) {
        throw new RegistryException(file.get() + ": cannot be read: " + e.getMessage());
      }
    }
    try (InputStream in = AssetRegistry.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new RegistryException("no asset registry: " + file.map(Path::toString).orElse(BUNDLED_RESOURCE)
            + " does not exist and none is bundled");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled " + BUNDLED_RESOURCE);
    } catch (IOException e) {
      throw new RegistryException(BUNDLED_RESOURCE + ": cannot be read: " + e.getMessage());
    }
  }

  /** Parses and validates registry JSON; {@code source} names the file in error messages. */
  public static AssetRegistry parse(String json, String source) {
    JsonObject root;
    try {
      root = new JsonObject(json);
    } catch (DecodeException e) {
      throw new RegistryException(source + ": not valid JSON");
    }
    Map<String, Chain> chains = new LinkedHashMap<>();
    JsonArray chainArray = array(root, "chains", source);
    for (int i = 0; i < chainArray.size(); i++) {
      String where = source + ": chains[" + i + "]";
      JsonObject c = object(chainArray.getValue(i), where);
      String name = text(c, "chain", where);
      if (!name.matches("[a-z][a-z0-9_-]{0,31}")) {
        throw new RegistryException(where + ": chain must be lowercase letters, digits, '-' or '_' (got " + name + ")");
      }
      ChainFamily family;
      try {
        family = ChainFamily.valueOf(text(c, "family", where));
      } catch (IllegalArgumentException e) {
        throw new RegistryException(where + " (" + name + "): family must be one of EVM, TRON, BITCOIN, SOLANA");
      }
      int confirmations = wholeNumber(c, "confirmations", where + " (" + name + ")", 0, 1000);
      Long chainId = null;
      if (family == ChainFamily.EVM) {
        chainId = (long) wholeNumber(c, "chain_id", where + " (" + name + ")", 1, Integer.MAX_VALUE);
      } else if (c.getValue("chain_id") != null) {
        throw new RegistryException(where + " (" + name + "): chain_id is for EVM chains only");
      }
      if (chains.put(name, new Chain(name, family, text(c, "network", where), confirmations, chainId)) != null) {
        throw new RegistryException(where + ": chain " + name + " is listed twice");
      }
    }
    Map<String, RegistryEntry> entries = new LinkedHashMap<>();
    JsonArray assetArray = array(root, "assets", source);
    for (int i = 0; i < assetArray.size(); i++) {
      JsonObject a = object(assetArray.getValue(i), source + ": assets[" + i + "]");
      String where = source + ": assets[" + i + "] (" + a.getValue("chain") + " " + a.getValue("symbol") + ")";
      RegistryEntry entry = entry(a, chains, where);
      if (entries.put(key(entry.symbol(), entry.chain()), entry) != null) {
        throw new RegistryException(where + ": listed twice");
      }
    }
    return new AssetRegistry(chains, entries);
  }

  private static RegistryEntry entry(JsonObject a, Map<String, Chain> chains, String where) {
    String chainName = text(a, "chain", where);
    Chain chain = chains.get(chainName);
    if (chain == null) {
      throw new RegistryException(where + ": chain " + chainName + " is not in the chains list");
    }
    String symbol = text(a, "symbol", where);
    if (!API_SYMBOLS.contains(symbol)) {
      throw new RegistryException(where + ": symbol must be one of " + String.join(", ", sorted(API_SYMBOLS)));
    }
    String name = text(a, "name", where);
    Object rawDecimals = a.getValue("decimals");
    if (!(rawDecimals instanceof Integer || rawDecimals instanceof Long)
        || ((Number) rawDecimals).longValue() < 0 || ((Number) rawDecimals).longValue() > 36) {
      throw new RegistryException(where + ": decimals must be a whole number from 0 to 36");
    }
    String type = text(a, "asset_type", where);
    if (!ASSET_TYPES.contains(type)) {
      throw new RegistryException(where + ": asset_type must be one of NATIVE, ERC20, BEP20, TRC20");
    }
    if (!a.containsKey("contract_address")) {
      throw new RegistryException(where + ": contract_address is required (\"0x\" for native coins)");
    }
    Object rawContract = a.getValue("contract_address");
    if (!(rawContract instanceof String)) {
      throw new RegistryException(where + ": contract_address must be a string (\"0x\" for native coins)");
    }
    String contract = (String) rawContract;
    checkContract(chain, type, contract, where);
    return new RegistryEntry(chainName, symbol, name, contract, ((Number) rawDecimals).intValue(), type, chain.network());
  }

  /** The token standard must fit the chain, and the contract must carry a valid checksum. */
  private static void checkContract(Chain chain, String type, String contract, String where) {
    if (type.equals("NATIVE")) {
      // the published field table: "0x" for every native coin, never null (strict SDKs decode it as a string)
      if (!"0x".equals(contract)) {
        throw new RegistryException(where + ": a NATIVE coin's contract_address must be \"0x\"");
      }
      return;
    }
    String standard = switch (chain.family()) {
      case EVM -> chain.name().equals("bsc") ? "BEP20" : "ERC20";
      case TRON -> "TRC20";
      default -> null;
    };
    if (!type.equals(standard)) {
      throw new RegistryException(where + ": asset_type " + type + " does not fit chain " + chain.name()
          + (standard == null ? " (no token standard offered)" : " (expected " + standard + ")"));
    }
    if (contract == null) {
      throw new RegistryException(where + ": a token needs a contract_address");
    }
    if (chain.isEvm() && !Eip55.isChecksummed(contract)) {
      throw new RegistryException(where + ": contract_address is not an EIP-55 checksummed address");
    }
    if (chain.family() == ChainFamily.TRON) {
      byte[] payload;
      try {
        payload = Base58.decodeChecked(contract);
      } catch (IllegalArgumentException e) {
        throw new RegistryException(where + ": contract_address is not valid base58check (" + e.getMessage() + ")");
      }
      if (payload.length != 21 || payload[0] != 0x41) {
        throw new RegistryException(where + ": contract_address is not a tron address (0x41 + 20 bytes)");
      }
    }
  }

  /** The enabled chain of that name, if any. */
  public Optional<Chain> chain(String name) {
    return Optional.ofNullable(chains.get(name));
  }

  public Map<String, Chain> chains() {
    return chains;
  }

  /** Every offered (chain, symbol), in file order. */
  public List<RegistryEntry> entries() {
    return List.copyOf(entries.values());
  }

  public Optional<RegistryEntry> entry(String chain, String symbol) {
    return Optional.ofNullable(entries.get(key(symbol, chain)));
  }

  /**
   * Applies the chain rules of Add Asset to an account on {@code accountChain}: an EVM account names the
   * asset's EVM chain; a non-EVM account omits it (or repeats its own). Returns the entry, or the
   * client-facing reason it is refused.
   */
  public Resolution resolve(String accountChain, String symbol, String requestedChain) {
    Chain account = chains.get(accountChain);
    if (account == null) {
      return Resolution.refused("account chain " + accountChain + " is not enabled");
    }
    String assetChain;
    if (account.isEvm()) {
      if (requestedChain == null) {
        return Resolution.refused("chain is required for an EVM account (one of " + evmChainNames() + ")");
      }
      Chain requested = chains.get(requestedChain);
      if (requested == null || !requested.isEvm()) {
        return Resolution.refused("chain " + requestedChain + " is not an EVM chain; this account is an EVM account");
      }
      assetChain = requestedChain;
    } else {
      if (requestedChain != null && !requestedChain.equals(accountChain)) {
        return Resolution.refused("chain must be omitted for a " + accountChain + " account (or equal "
            + accountChain + ")");
      }
      assetChain = accountChain;
    }
    RegistryEntry entry = entries.get(key(symbol, assetChain));
    return entry == null
        ? Resolution.refused("symbol " + symbol + " is not offered on chain " + assetChain)
        : Resolution.of(entry);
  }

  /**
   * For a request's (symbol, chain or null): the entry each possible account chain would resolve to. The
   * database insert joins on this, so it agrees with {@link #resolve} by construction. Precomputed.
   */
  public Map<String, RegistryEntry> candidates(String symbol, String requestedChain) {
    Map<String, RegistryEntry> found = candidates.get(key(symbol, requestedChain));
    return found == null ? Map.of() : found;
  }

  private Map<String, RegistryEntry> computeCandidates(String symbol, String requestedChain) {
    Map<String, RegistryEntry> byAccountChain = new LinkedHashMap<>();
    for (String accountChain : chains.keySet()) {
      Resolution r = resolve(accountChain, symbol, requestedChain);
      if (r.entry() != null) {
        byAccountChain.put(accountChain, r.entry());
      }
    }
    return Collections.unmodifiableMap(byAccountChain);
  }

  private String evmChainNames() {
    return String.join(", ", chains.values().stream().filter(Chain::isEvm).map(Chain::name).toList());
  }

  private static String key(String symbol, String chain) {
    return symbol + "|" + (chain == null ? "" : chain);
  }

  private static List<String> sorted(Set<String> set) {
    return set.stream().sorted().toList();
  }

  private static JsonArray array(JsonObject root, String field, String source) {
    Object value = root.getValue(field);
    if (!(value instanceof JsonArray arr) || arr.isEmpty()) {
      throw new RegistryException(source + ": \"" + field + "\" must be a non-empty array");
    }
    return arr;
  }

  private static int wholeNumber(JsonObject obj, String field, String where, int min, int max) {
    Object value = obj.getValue(field);
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
        || ((Number) value).longValue() > max) {
      throw new RegistryException(where + ": " + field + " must be a whole number from " + min + " to " + max);
    }
    return ((Number) value).intValue();
  }

  private static JsonObject object(Object value, String where) {
    if (!(value instanceof JsonObject obj)) {
      throw new RegistryException(where + ": must be an object");
    }
    return obj;
  }

  private static String text(JsonObject obj, String field, String where) {
    Object value = obj.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new RegistryException(where + ": " + field + " must be a non-empty string");
    }
    return s;
  }

  /** The outcome of the chain rules: an entry, or why not. */
  public record Resolution(RegistryEntry entry, String refusal) {
    static Resolution of(RegistryEntry entry) {
      return new Resolution(entry, null);
    }

    static Resolution refused(String why) {
      return new Resolution(null, why);
    }
  }
}
