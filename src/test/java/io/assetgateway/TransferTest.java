package io.assetgateway;

import static io.assetgateway.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Money;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("POST /api/v1/transfer: validation order, every error, and the newer POST /api/v1/transactions")
class TransferTest {
  static final String OUTSIDE = "0x52908400098527886E0F7030069857D2E4169EE7";
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
  }

  /** A new client's ACTIVE account with one asset (balance 0). */
  record Source(Fixtures.TestClient client, String token, String accountId, String walletId, String address,
      String assetId) {
    JsonObject transfer(String to, String amount) {
      return new JsonObject().put("from_address", address).put("to_address", to).put("chain", "ethereum")
          .put("token_symbol", "USDT").put("amount", amount);
    }
  }

  static Source source(String accountChain, String assetChain, String symbol) {
    Money.Holder h = Money.holder(api, fx, accountChain, assetChain, symbol);
    return new Source(h.client(), h.token(), h.accountId(), h.walletId(), h.address(), h.assetId());
  }

  static Api.Reply post(Source s, JsonObject body) {
    return api.postJson(s.token(), "/api/v1/transfer", body);
  }

  static long transactionsOf(String assetId) {
    return fx.count("SELECT count(*) FROM transactions WHERE asset_id = $1", assetId)
        + fx.count("SELECT count(*) FROM ledger_entries WHERE asset_id = $1", assetId);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "amount missing        | amount         |           | amount is required",
      "amount zero           | amount         | 0         | amount must be a decimal string greater than 0",
      "amount negative       | amount         | -5        | amount must be a decimal string greater than 0",
      "amount in exponent    | amount         | 1e3       | amount must be a decimal string greater than 0",
      "amount with spaces    | amount         | ' 5'      | amount must be a decimal string greater than 0",
      "too many decimals     | amount         | 1.1234567 | amount has more than 6 decimal places",
      "unknown chain         | chain          | ethereum2 | chain must be one of",
      "token not on chain    | token_symbol   | SOL       | token_symbol SOL is not offered on chain ethereum",
      "memo too long         | memo           | " + "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
          + " | memo must be at most 100 characters"})
  @DisplayName("400 invalid_parameter for the body and the amount, naming the field; nothing is written")
  void invalidParameter(String name, String field, String value, String message) {
    Source s = source("ethereum", "ethereum", "USDT");
    JsonObject body = s.transfer(OUTSIDE, "1");
    if (value == null) {
      body.remove(field);
    } else {
      body.put(field, value);
    }
    JsonObject error = assertError(post(s, body), 400, "invalid_parameter", "invalid_request_error");
    assertTrue(error.getString("message").startsWith(message), error::encode);
    assertEquals(0, transactionsOf(s.assetId()));
  }

  @Test
  @DisplayName("400 invalid_parameter when from_address equals to_address (in any case), before the address check")
  void fromEqualsTo() {
    Source s = source("ethereum", "ethereum", "USDT");
    JsonObject error = assertError(post(s, s.transfer(s.address().toLowerCase(), "1")), 400, "invalid_parameter",
        "invalid_request_error");
    assertEquals("to_address must differ from from_address", error.getString("message"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "ethereum, 0x52908400098527886E0F7030069857D2E4169Ee7",  // one letter's case off: the EIP-55 checksum fails
      "ethereum, 0x52908400098527886e0f7030069857d2e4169ee",   // 39 hex digits
      "ethereum, 52908400098527886e0f7030069857d2e4169ee7",    // no 0x
      "ethereum, TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",          // a tron address on ethereum
      "tron, TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u",              // base58check checksum fails
      "tron, 0x52908400098527886E0F7030069857D2E4169EE7",
      "bitcoin, bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",   // bech32 checksum fails
      "bitcoin, 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",           // base58check checksum fails
      "bitcoin, tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx",   // testnet
      "solana, 4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4",   // 31 bytes
      "solana, 0OIl1111111111111111111111111111"})             // not base58
  @DisplayName("400 invalid_address when to_address is not an address of the chain")
  void invalidAddress(String chain, String to) {
    Source s = source("ethereum", "ethereum", "USDT");
    JsonObject body = s.transfer(to, "1").put("chain", chain).put("token_symbol", switch (chain) {
      case "tron" -> "TRX";
      case "bitcoin" -> "BTC";
      case "solana" -> "SOL";
      default -> "USDT";
    });
    assertError(post(s, body), 400, "invalid_address", "business_error");
  }

  @Test
  @DisplayName("valid recipients of every family pass the address check (the refusal that follows is 404 or balance)")
  void validAddresses() {
    Source s = source("ethereum", "ethereum", "USDT");
    Map<String, List<String>> valid = Map.of(
        "ethereum", List.of(OUTSIDE, OUTSIDE.toLowerCase(), "0x" + OUTSIDE.substring(2).toUpperCase()),
        "tron", List.of("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
        "bitcoin", List.of("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        "solana", List.of("4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T"));
    valid.forEach((chain, addresses) -> addresses.forEach(to -> {
      JsonObject body = s.transfer(to, "1").put("chain", chain).put("token_symbol", switch (chain) {
        case "tron" -> "TRX";
        case "bitcoin" -> "BTC";
        case "solana" -> "SOL";
        default -> "USDT";
      });
      Api.Reply reply = post(s, body);
      assertTrue(!"invalid_address".equals(reply.code()), () -> chain + " " + to + ": " + reply.body());
    }));
  }

  @Test
  @DisplayName("404 not_found for an address without the asset, and for another client's asset; invalid_address comes first")
  void notFound() {
    Source mine = source("ethereum", "ethereum", "USDT");
    Source theirs = source("ethereum", "ethereum", "USDT");
    String message = "No asset found for the given address/chain/token combination";
    assertEquals(message, assertError(post(mine, theirs.transfer(OUTSIDE, "1")), 404, "not_found",
        "not_found_error").getString("message"));
    assertEquals(message, assertError(post(mine, mine.transfer(OUTSIDE, "1").put("token_symbol", "USDC")), 404,
        "not_found", "not_found_error").getString("message"));
    assertEquals(message, assertError(post(mine, mine.transfer(OUTSIDE, "1").put("from_address", "not-an-address")),
        404, "not_found", "not_found_error").getString("message"));
    assertError(post(mine, mine.transfer("0xnope", "1").put("from_address", "not-an-address")), 400,
        "invalid_address", "business_error");
    assertEquals(0, transactionsOf(theirs.assetId()));
  }

  @Test
  @DisplayName("400 wallet_not_active, then 400 account_not_active, then 400 insufficient_balance; nothing is written")
  void businessOrder() {
    Source s = source("ethereum", "ethereum", "USDT");
    fx.execute("UPDATE wallets SET status = 'INACTIVE' WHERE wallet_id = $1", s.walletId());
    fx.setAccountStatus(s.accountId(), "INACTIVE");
    assertError(post(s, s.transfer(OUTSIDE, "1")), 400, "wallet_not_active", "business_error");
    fx.execute("UPDATE wallets SET status = 'ACTIVE' WHERE wallet_id = $1", s.walletId());
    assertError(post(s, s.transfer(OUTSIDE, "1")), 400, "account_not_active", "business_error");
    fx.setAccountStatus(s.accountId(), "ACTIVE");
    assertError(post(s, s.transfer(OUTSIDE, "1")), 400, "insufficient_balance", "business_error");
    assertEquals(0, transactionsOf(s.assetId()), "a refused transfer leaves no transaction and no ledger entry");
  }

  @Test
  @DisplayName("POST /api/v1/transactions with operation TRANSFER is the same operation; other operations are refused")
  void transactionsOperation() {
    Source s = source("ethereum", "ethereum", "USDT");
    Money.awaitStatus(api, s.token(), Money.deposit("ethereum", s.address(), "USDT", "10").getString("tx_id"),
        "CONFIRMED");
    // the exact bytes SDK 1.8 sends (operation first, reference_id it may add, to_address after chain)
    String body = "{\"operation\":\"TRANSFER\",\"reference_id\":\"ord-1\",\"from_address\":\"" + s.address()
        + "\",\"chain\":\"ethereum\",\"memo\":\"invoice 7\",\"to_address\":\"" + OUTSIDE
        + "\",\"token_symbol\":\"USDT\",\"amount\":\"10.5\"}";
    assertError(api.post("/api/v1/transactions", Map.of("Authorization", "Bearer " + s.token()), body), 400,
        "insufficient_balance", "business_error");
    Api.Reply ok = api.post("/api/v1/transactions", Map.of("Authorization", "Bearer " + s.token()),
        body.replace("10.5", "2.5"));
    assertEquals(200, ok.status(), ok::toString);
    OpenApiTest.assertConforms("transfer-result", ok.json());
    assertEquals("PENDING", ok.json().getString("status"));
    assertEquals("Transfer task created", ok.json().getString("message"));
    assertEquals("7.5", Money.asset(api, s.token(), s.assetId()).getString("balance"));
    assertError(api.post("/api/v1/transactions", Map.of("Authorization", "Bearer " + s.token()),
        body.replace("TRANSFER", "PROGRAM_CALL")), 400, "invalid_parameter", "invalid_request_error");
    assertError(api.post("/api/v1/transactions", Map.of("Authorization", "Bearer " + s.token()),
        body.replace("\"operation\":\"TRANSFER\",", "")), 400, "invalid_parameter", "invalid_request_error");
    Money.awaitStatus(api, s.token(), ok.json().getString("tx_id"), "CONFIRMED");
  }

  @Test
  @DisplayName("a transfer to an address of this server is also a deposit for the recipient, whichever client owns it")
  void transferToAnotherClient() {
    Source sender = source("ethereum", "ethereum", "USDT");
    Source recipient = source("bsc", "ethereum", "USDT"); // a bsc account holding USDT on ethereum
    Money.awaitStatus(api, sender.token(), Money.deposit("ethereum", sender.address(), "USDT", "40").getString("tx_id"),
        "CONFIRMED");
    Api.Reply sent = post(sender, sender.transfer(recipient.address().toLowerCase(), "15.5"));
    assertEquals(200, sent.status(), sent::toString);
    String txId = sent.json().getString("tx_id");
    Money.awaitStatus(api, sender.token(), txId, "CONFIRMED");
    JsonObject transfer = api.get(sender.token(), "/api/v1/transactions/" + txId).json();
    assertEquals(recipient.address(), transfer.getString("to_address"), "stored in its canonical (EIP-55) form");

    JsonObject received = null;
    for (int i = 0; i < 400 && received == null; i++) {
      JsonObject page = api.get(recipient.token(), "/api/v1/transactions?account_id=" + recipient.accountId()).json();
      if (page.getLong("total") == 1 && "CONFIRMED".equals(page.getJsonArray("data").getJsonObject(0).getString("status"))) {
        received = page.getJsonArray("data").getJsonObject(0);
      } else {
        Money.sleep(25);
      }
    }
    assertTrue(received != null, "the recipient sees its deposit confirmed");
    OpenApiTest.assertConforms("transaction", received);
    assertEquals("INBOUND", received.getString("direction"));
    assertEquals(sender.address(), received.getString("from_address"));
    assertEquals(transfer.getString("tx_hash"), received.getString("tx_hash"), "one on-chain transaction");
    assertEquals(transfer.getLong("block_number"), received.getLong("block_number"));
    assertEquals("15.5", received.getString("amount"));
    assertEquals("15.5", Money.asset(api, recipient.token(), recipient.assetId()).getString("balance"));
    assertEquals("24.5", Money.asset(api, sender.token(), sender.assetId()).getString("balance"));
    assertEquals(2, api.get(sender.token(), "/api/v1/transactions").json().getLong("total"),
        "the sender lists its deposit and its transfer, not the recipient's credit");
    assertError(api.get(sender.token(), "/api/v1/transactions/" + received.getString("tx_id")), 404, "not_found",
        "not_found_error");
    Money.verifyLedger();
  }
}
