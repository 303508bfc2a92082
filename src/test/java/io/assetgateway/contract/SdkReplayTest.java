package io.assetgateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.support.Api;
import io.assetgateway.support.Contract;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Money;
import io.assetgateway.support.RawHttp;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official SDKs' requests, replayed byte for byte over a socket (headers, bodies, query strings, body-less
 * POSTs with Content-Type), and their answers checked under that SDK's own parsing rules. Each case names the SDK
 * source line it comes from (paratro-sdk-python@a78f407 1.6.0, paratro-sdk-rust@ef2000b 1.6.0,
 * paratro-sdk-go root package: 1.8.1 @2ebabdc and the pre-1.8 line @7df1b5b/@ddbba6e).
 */
@DisplayName("The official SDKs, replayed")
class SdkReplayTest {
  static int port;
  static Fixtures.TestClient client;

  @BeforeAll
  static void start() {
    port = TestGateway.shared().port();
    client = Fixtures.get().client();
  }

  static String host() {
    return "Host: 127.0.0.1:" + port;
  }

  static int length(String body) {
    return body.getBytes(StandardCharsets.UTF_8).length;
  }

  // ---- the SDKs' parsing rules ----

  /** Python 1.6: any status < 400 is parsed with resp.json() into a dict (client.py:259-279, 311-317). */
  static JsonObject pythonParses(RawHttp.Response r) {
    assertTrue(r.status() < 400, () -> "Python raises APIError on " + r);
    Object parsed = io.vertx.core.json.Json.decodeValue(r.body());
    assertTrue(parsed instanceof JsonObject, () -> "Python's _from_dict needs an object: " + r.body());
    return (JsonObject) parsed;
  }

  /** Python 1.6 _paginated: data.get("data", []) must be iterable of dicts (client.py:329-335). */
  static JsonObject pythonParsesPage(RawHttp.Response r) {
    JsonObject body = pythonParses(r);
    assertTrue(body.getValue("data") instanceof JsonArray, "data is a list, never null (TypeError otherwise)");
    body.getJsonArray("data").forEach(item -> assertTrue(item instanceof JsonObject, "items are dicts"));
    return body;
  }

  /** Python 1.6 _raise_for_error reads code/type/message of a JSON object (client.py:281-299). */
  static JsonObject pythonParsesError(RawHttp.Response r, int status, String code) {
    assertEquals(status, r.status(), r::toString);
    JsonObject body = new JsonObject(r.body());
    assertEquals(code, body.getString("code"));
    return body;
  }

  /** Rust 1.6: serde into the declared struct, every non-Option field present and non-null (client.rs:164-180). */
  static JsonObject rustParses(RawHttp.Response r, String schema) {
    assertTrue(r.status() < 400, () -> "Rust returns Error::Api on " + r);
    JsonObject body = r.json();
    Contract.assertConforms(schema, body);
    return body;
  }

  static JsonObject rustParsesPage(RawHttp.Response r, String itemSchema) {
    assertTrue(r.status() < 400, () -> "Rust returns Error::Api on " + r);
    JsonObject body = r.json();
    assertEquals(java.util.Set.of("data", "total", "has_more"), body.fieldNames());
    assertTrue(body.getValue("total") instanceof Number n && !(n instanceof Double), "total: i64");
    assertTrue(body.getValue("has_more") instanceof Boolean, "has_more: bool");
    body.getJsonArray("data").forEach(item -> Contract.assertConforms(itemSchema, (JsonObject) item));
    return body;
  }

  /** Rust 1.6 ErrorBody {code, type, message}: all three strings or the whole error is lost (client.rs:171-175). */
  static void rustParsesError(RawHttp.Response r, int status, String code) {
    assertEquals(status, r.status(), r::toString);
    Contract.assertConforms("error", r.json());
    assertEquals(code, r.json().getString("code"));
  }

  /** Go 1.8.1: 2xx decodes, 3xx is an error (client.go:228-230); an error needs a non-empty code (client.go:254). */
  static JsonObject goParses(RawHttp.Response r) {
    assertTrue(r.status() >= 200 && r.status() < 300, () -> "Go treats this as an error: " + r);
    return r.json();
  }

  static void goParsesError(RawHttp.Response r, int status, String code) {
    assertEquals(status, r.status(), r::toString);
    assertFalse(r.json().getString("code", "").isEmpty(), "Go needs a non-empty code");
    assertEquals(code, r.json().getString("code"));
  }

  static String activeWallet(String token) throws InterruptedException {
    String body = "{\"wallet_name\": \"replay\"}";
    String id = new JsonObject(RawHttp.exchange(port, python("POST", "/api/v1/wallets", token, length(body)), body)
        .body()).getString("wallet_id");
    for (int i = 0; i < 200; i++) {
      JsonObject w = RawHttp.exchange(port, rust("GET", "/api/v1/wallets/" + id, token, -1), null).json();
      if ("ACTIVE".equals(w.getString("status"))) {
        return id;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("wallet never became ACTIVE");
  }

  // ---- the SDKs' request heads ----

  /** Python 1.6: session headers on every request (client.py:68-71) plus Authorization (client.py:273). */
  static String python(String method, String pathAndQuery, String token, int contentLength) {
    StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n" + host() + "\r\n"
        + "User-Agent: paratro-sdk-python/1.6.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\n"
        + "Connection: keep-alive\r\nContent-Type: application/json\r\nAuthorization: Bearer " + token);
    if (contentLength >= 0) {
      head.append("\r\nContent-Length: ").append(contentLength);
    }
    return head.toString();
  }

  /** Rust 1.6: Content-Type only with a body (client.rs:67,88), Authorization (client.rs:68), reqwest's accept. */
  static String rust(String method, String pathAndQuery, String token, int contentLength) {
    StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
    if (contentLength >= 0) {
      head.append("content-type: application/json\r\n");
    }
    head.append("authorization: Bearer ").append(token).append("\r\naccept: */*\r\n").append(host().toLowerCase());
    if (contentLength >= 0) {
      head.append("\r\ncontent-length: ").append(contentLength);
    }
    return head.toString();
  }

  /** Go: net/http canonical header names, its User-Agent and gzip (client.go:214-220 @2ebabdc). */
  static String go(String method, String pathAndQuery, String token, int contentLength, boolean contentType) {
    StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n" + host() + "\r\n"
        + "User-Agent: Go-http-client/1.1");
    if (contentLength >= 0) {
      head.append("\r\nContent-Length: ").append(contentLength);
    }
    head.append("\r\nAuthorization: Bearer ").append(token);
    if (contentType) {
      head.append("\r\nContent-Type: application/json");
    }
    head.append("\r\nAccept-Encoding: gzip");
    return head.toString();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("Python 1.6")
  class Python {
    String token;

    @BeforeAll
    void token() {
      // client.py:86-90: POST, no body, session Content-Type, Content-Length: 0 (observed)
      RawHttp.Response r = RawHttp.exchange(port, "POST /api/v1/auth/token HTTP/1.1\r\n" + host()
          + "\r\nUser-Agent: paratro-sdk-python/1.6.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\n"
          + "Connection: keep-alive\r\nContent-Type: application/json\r\nX-API-Key: " + client.apiKey()
          + "\r\nX-API-Secret: " + client.apiSecret() + "\r\nContent-Length: 0", "");
      JsonObject body = pythonParses(r);
      token = body.getString("token"); // client.py:93: data["token"] (KeyError if missing)
      assertTrue(body.getValue("expires_in") instanceof Integer n && n > 120,
          "client.py:94: numeric expires_in over the 120 s refresh buffer (else a token per call)");
    }

    @Test
    @DisplayName("the README quick start: wallet, get with Content-Type, account DEPOSIT, asset, lists, get_wallet(\"\")")
    void quickStart() throws Exception {
      // client.py:99-102 create_wallet: json.dumps with spaces, description dropped when "" (client.py:305-308)
      String walletBody = "{\"wallet_name\": \"Treasury\"}";
      JsonObject wallet = pythonParses(RawHttp.exchange(port, python("POST", "/api/v1/wallets", token,
          length(walletBody)), walletBody));
      String walletId = wallet.getString("wallet_id");
      // client.py:104-107 get_wallet: a GET carrying Content-Type and no body
      assertEquals(walletId, pythonParses(RawHttp.exchange(port, python("GET", "/api/v1/wallets/" + walletId, token,
          -1), null)).getString("wallet_id"));
      // get_wallet(""): GET /api/v1/wallets/ (observed) is 400, never the list
      pythonParsesError(RawHttp.exchange(port, python("GET", "/api/v1/wallets/", token, -1), null), 400,
          "invalid_parameter");
      // client.py:109-113 list_wallets: page and page_size only when > 0
      pythonParsesPage(RawHttp.exchange(port, python("GET", "/api/v1/wallets?page=1&page_size=10", token, -1), null));
      String active = activeWallet(token);
      // README example and client.py:117-120: account_type "DEPOSIT"; label dropped when ""
      String accountBody = "{\"wallet_id\": \"" + active + "\", \"chain\": \"ethereum\", \"account_type\": \"DEPOSIT\"}";
      JsonObject account = pythonParses(RawHttp.exchange(port, python("POST", "/api/v1/accounts", token,
          length(accountBody)), accountBody));
      assertEquals("INBOUND", account.getString("address_type"));
      // client.py:127-135 list_accounts: wallet_id then page, page_size (quote_plus encoding)
      assertEquals(1, pythonParsesPage(RawHttp.exchange(port, python("GET", "/api/v1/accounts?wallet_id=" + active
          + "&page=1&page_size=5", token, -1), null)).getJsonArray("data").size());
      // client.py:139-142 create_asset: chain only when set
      String assetBody = "{\"account_id\": \"" + account.getString("account_id") + "\", \"symbol\": \"USDT\", "
          + "\"chain\": \"ethereum\"}";
      JsonObject asset = pythonParses(RawHttp.exchange(port, python("POST", "/api/v1/assets", token,
          length(assetBody)), assetBody));
      pythonParses(RawHttp.exchange(port, python("GET", "/api/v1/assets/" + asset.getString("asset_id"), token, -1),
          null));
      pythonParsesPage(RawHttp.exchange(port, python("GET", "/api/v1/assets?account_id="
          + account.getString("account_id") + "&page=1&page_size=10", token, -1), null));
      // Python 1.8.1 CreateWalletRequest sends threshold, total_shares, signing_party_ids: ignored
      String newer = "{\"wallet_name\": \"MPC\", \"threshold\": 2, \"total_shares\": 3, \"signing_party_ids\": [\"p1\"]}";
      pythonParses(RawHttp.exchange(port, python("POST", "/api/v1/wallets", token, length(newer)), newer));
      // models.py CreateWalletRequest(wallet_name="") is sent as {} (_to_body drops ""): a clear 400
      pythonParsesError(RawHttp.exchange(port, python("POST", "/api/v1/wallets", token, 2), "{}"), 400,
          "invalid_parameter");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("Rust 1.6")
  class Rust {
    String token;

    @BeforeAll
    void token() {
      // token.rs:79-87: X-API-Key, X-API-Secret, no body and no Content-Type; every field required (token.rs:6-28)
      RawHttp.Response r = RawHttp.exchange(port, "POST /api/v1/auth/token HTTP/1.1\r\nx-api-key: "
          + client.apiKey() + "\r\nx-api-secret: " + client.apiSecret() + "\r\naccept: */*\r\n"
          + host().toLowerCase() + "\r\ncontent-length: 0", "");
      token = rustParses(r, "token").getString("token");
    }

    @Test
    @DisplayName("strict structs: wallets, accounts and assets on every family decode, lists, empty filters, page=0")
    void strictStructs() throws Exception {
      // wallet.rs:45-47 with description Some(""): compact serde JSON
      String walletBody = "{\"wallet_name\":\"R\",\"description\":\"\"}";
      rustParses(RawHttp.exchange(port, rust("POST", "/api/v1/wallets", token, length(walletBody)), walletBody),
          "wallet");
      String wallet = activeWallet(token);
      for (String[] chainAndSymbol : new String[][] {{"ethereum", "ETH"}, {"tron", "TRX"}, {"bitcoin", "BTC"},
          {"solana", "SOL"}}) {
        // account.rs:50-52: label None is omitted
        String accountBody = "{\"wallet_id\":\"" + wallet + "\",\"chain\":\"" + chainAndSymbol[0] + "\"}";
        JsonObject account = rustParses(RawHttp.exchange(port, rust("POST", "/api/v1/accounts", token,
            length(accountBody)), accountBody), "account");
        // asset.rs:54-56: chain only when Some; contract_address: String (asset.rs:17-33) must not be null
        String assetBody = "{\"account_id\":\"" + account.getString("account_id") + "\",\"symbol\":\""
            + chainAndSymbol[1] + "\"" + (chainAndSymbol[0].equals("ethereum") ? ",\"chain\":\"ethereum\"" : "") + "}";
        JsonObject asset = rustParses(RawHttp.exchange(port, rust("POST", "/api/v1/assets", token,
            length(assetBody)), assetBody), "asset");
        assertEquals("0x", asset.getString("contract_address"));
        rustParses(RawHttp.exchange(port, rust("GET", "/api/v1/assets/" + asset.getString("asset_id"), token, -1),
            null), "asset");
      }
      // wallet.rs:55-67, account.rs:60-75: query in push order; Some("") is sent as wallet_id=
      assertEquals(4, rustParsesPage(RawHttp.exchange(port, rust("GET", "/api/v1/accounts?wallet_id=" + wallet
          + "&page=1&page_size=10", token, -1), null), "account").getJsonArray("data").size());
      rustParsesPage(RawHttp.exchange(port, rust("GET", "/api/v1/accounts?wallet_id=&page=1&page_size=10", token, -1),
          null), "account");
      rustParsesPage(RawHttp.exchange(port, rust("GET", "/api/v1/wallets", token, -1), null), "wallet");
      rustParsesPage(RawHttp.exchange(port, rust("GET", "/api/v1/assets?account_id=", token, -1), null), "asset");
      // Some(0) is sent verbatim (wallet.rs:60-65): a documented 400 that ErrorBody decodes
      rustParsesError(RawHttp.exchange(port, rust("GET", "/api/v1/wallets?page=0", token, -1), null), 400,
          "invalid_parameter");
      // get_wallet(""): format!("/api/v1/wallets/{wallet_id}") (wallet.rs:51)
      rustParsesError(RawHttp.exchange(port, rust("GET", "/api/v1/wallets/", token, -1), null), 400,
          "invalid_parameter");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("Go")
  class Go {
    String token;

    @BeforeAll
    void token() {
      // token.go:98-105 @2ebabdc: no body (Content-Length: 0), canonical header names
      RawHttp.Response r = RawHttp.exchange(port, "POST /api/v1/auth/token HTTP/1.1\r\n" + host()
          + "\r\nUser-Agent: Go-http-client/1.1\r\nContent-Length: 0\r\nX-Api-Key: " + client.apiKey()
          + "\r\nX-Api-Secret: " + client.apiSecret() + "\r\nAccept-Encoding: gzip", "");
      token = goParses(r).getString("token");
      assertFalse(token.isEmpty(), "token.go: an empty token is an error");
    }

    @Test
    @DisplayName("pre-1.8 sends network \"\" and Content-Type on GET-by-id; 1.8.1 sorts query keys; HTML-escaped JSON")
    void goShapes() throws Exception {
      // encoding/json escapes <, > and & (json.Marshal default)
      String walletBody = "{\"wallet_name\":\"a\\u003cb\\u003e\\u0026c\"}";
      JsonObject wallet = goParses(RawHttp.exchange(port, go("POST", "/api/v1/wallets", token, length(walletBody),
          true), walletBody));
      assertEquals("a<b>&c", wallet.getString("wallet_name"));
      // client.go:149 @ddbba6e: request() sets Content-Type even on GET by id
      goParses(RawHttp.exchange(port, go("GET", "/api/v1/wallets/" + wallet.getString("wallet_id"), token, -1, true),
          null));
      String active = activeWallet(token);
      // account.go:10-15 @7df1b5b: "network" always sent, "" when unset
      String accountBody = "{\"wallet_id\":\"" + active + "\",\"chain\":\"ethereum\",\"network\":\"\"}";
      JsonObject account = goParses(RawHttp.exchange(port, go("POST", "/api/v1/accounts", token, length(accountBody),
          true), accountBody));
      // account.go:31-38 @b388474: account_type omitempty
      String newer = "{\"wallet_id\":\"" + active + "\",\"chain\":\"tron\",\"account_type\":\"INBOUND\"}";
      goParses(RawHttp.exchange(port, go("POST", "/api/v1/accounts", token, length(newer), true), newer));
      // client.go:199-207 @2ebabdc: url.Values.Encode sorts keys
      assertEquals(2, goParses(RawHttp.exchange(port, go("GET", "/api/v1/accounts?page=1&page_size=20&wallet_id="
          + active, token, -1, false), null)).getJsonArray("data").size());
      String assetBody = "{\"account_id\":\"" + account.getString("account_id") + "\",\"symbol\":\"USDC\","
          + "\"chain\":\"base\"}";
      goParses(RawHttp.exchange(port, go("POST", "/api/v1/assets", token, length(assetBody), true), assetBody));
      goParses(RawHttp.exchange(port, go("GET", "/api/v1/assets?account_id=" + account.getString("account_id")
          + "&page=1&page_size=20", token, -1, false), null));
      // asset.go:48: fmt.Sprintf("/api/v1/assets/%s", "") — a 4xx with a code, not a redirect or the list
      goParsesError(RawHttp.exchange(port, go("GET", "/api/v1/assets/", token, -1, true), null), 400,
          "invalid_parameter");
      // a duplicate asset: the error code Go's IsXxx helpers switch on
      goParsesError(RawHttp.exchange(port, go("POST", "/api/v1/assets", token, length(assetBody), true), assetBody),
          400, "asset_already_exists");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("the money path: transfers and transactions")
  class MoneyPath {
    Money.Holder h;
    String to = "0x52908400098527886E0F7030069857D2E4169EE7";

    @BeforeAll
    void funded() {
      h = Money.holder(new Api(port), Fixtures.get(), "ethereum", "ethereum", "USDT");
      String deposit = Money.deposit("ethereum", h.address(), "USDT", "100").getString("tx_id");
      Money.awaitStatus(new Api(port), h.token(), deposit, "CONFIRMED");
    }

    @Test
    @DisplayName("Python 1.6 create_transfer, get_transaction, list_transactions; Rust 1.6 the same; Go 1.8.1 POST /transactions")
    void transfers() {
      // client.py:182-185 create_transfer: POST /api/v1/transfer, spaced JSON, memo dropped when ""
      String python = "{\"from_address\": \"" + h.address() + "\", \"to_address\": \"" + to + "\", \"chain\": \"ethereum\", "
          + "\"token_symbol\": \"USDT\", \"amount\": \"1.5\"}";
      JsonObject sent = pythonParses(RawHttp.exchange(port, python("POST", "/api/v1/transfer", h.token(),
          length(python)), python));
      assertEquals("PENDING", sent.getString("status")); // models.py:149-153 TransferResponse
      String txId = sent.getString("tx_id");
      // client.py:161-164 get_transaction, with the session's Content-Type on a GET
      assertEquals(txId, pythonParses(RawHttp.exchange(port, python("GET", "/api/v1/transactions/" + txId, h.token(),
          -1), null)).getString("tx_id"));
      // client.py:166-178 list_transactions: wallet_id, account_id, chain, page, page_size (each only if set)
      assertEquals(2, pythonParsesPage(RawHttp.exchange(port, python("GET", "/api/v1/transactions?wallet_id="
          + h.walletId() + "&account_id=" + h.accountId() + "&chain=ethereum&page=1&page_size=20", h.token(), -1),
          null)).getJsonArray("data").size());

      // transfer.rs:28-33: compact serde JSON, memo None omitted; TransferResponse {tx_id, status, message}
      String rust = "{\"from_address\":\"" + h.address() + "\",\"to_address\":\"" + to
          + "\",\"chain\":\"ethereum\",\"token_symbol\":\"USDT\",\"amount\":\"2\"}";
      String rustTx = rustParses(RawHttp.exchange(port, rust("POST", "/api/v1/transfer", h.token(), length(rust)), rust),
          "transfer-result").getString("tx_id");
      // transaction.rs:50-52 and 55-76: every field of Transaction required (tx_hash "" before broadcast)
      rustParses(RawHttp.exchange(port, rust("GET", "/api/v1/transactions/" + rustTx, h.token(), -1), null),
          "transaction");
      rustParsesPage(RawHttp.exchange(port, rust("GET", "/api/v1/transactions?account_id=" + h.accountId()
          + "&chain=&page=1&page_size=10", h.token(), -1), null), "transaction");
      // get_transaction(""): GET /api/v1/transactions/ (transaction.rs:51)
      rustParsesError(RawHttp.exchange(port, rust("GET", "/api/v1/transactions/", h.token(), -1), null), 400,
          "invalid_parameter");

      // transfer.go:21-26 @2ebabdc: CreateTransfer is POST /api/v1/transactions with operation TRANSFER, in this
      // field order (transaction.go:50-62), and an Idempotency-Key when asked (client.go:217-219)
      String go = "{\"operation\":\"TRANSFER\",\"from_address\":\"" + h.address() + "\",\"chain\":\"ethereum\","
          + "\"to_address\":\"" + to + "\",\"token_symbol\":\"USDT\",\"amount\":\"3\"}";
      String head = go("POST", "/api/v1/transactions", h.token(), length(go), true) + "\r\nIdempotency-Key: go-retry-1";
      JsonObject first = goParses(RawHttp.exchange(port, head, go));
      JsonObject retried = goParses(RawHttp.exchange(port, head, go));
      assertEquals(first.getString("tx_id"), retried.getString("tx_id"), "a retry with the same key is the same transfer");
      goParses(RawHttp.exchange(port, go("GET", "/api/v1/transactions/" + first.getString("tx_id"), h.token(), -1,
          false), null));
      // three transfers (1.5 + 2 + 3) out of 100 (locked, or already settled): the retry moved nothing
      assertEquals("93.5", Money.asset(new Api(port), h.token(), h.assetId()).getString("balance"));
      assertEquals(4, new Api(port).get(h.token(), "/api/v1/transactions?account_id=" + h.accountId()).json()
          .getInteger("total"), "the deposit and three transfers");
    }
  }
}
