package io.assetgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.address.Base58;
import io.assetgateway.keys.TransactionSigner;
import io.assetgateway.registry.ChainFamily;
import io.assetgateway.support.Api;
import io.assetgateway.support.Fixtures;
import io.assetgateway.support.Money;
import io.assetgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import io.assetgateway.address.Bech32;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

/** What the server actually signed for transfers made through the API, checked with public data only. */
@DisplayName("SIGNED means signed: transfers through the API carry the account's own signature")
class SignedTransfersTest {
  static final HexFormat HEX = HexFormat.of();
  static Api api;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    api = new Api(TestGateway.shared().port());
    fx = Fixtures.get();
  }

  /** A CONFIRMED transfer from a newly funded account: the sender's address and the stored transaction row. */
  record Sent(String from, Row row, JsonObject json) {
    byte[] signed() {
      return row.getBuffer("signed_tx").getBytes();
    }
  }

  static Sent send(String accountChain, ChainFamily family, String chain, String symbol, String fund, String amount,
      String to) {
    Fixtures.TestClient client = fx.client();
    String token = api.bearer(client);
    String accountId = fx.account(client.clientId(), accountChain, family);
    String address = api.get(token, "/api/v1/accounts/" + accountId).json().getString("address");
    JsonObject body = new JsonObject().put("account_id", accountId).put("symbol", symbol);
    if (family == ChainFamily.EVM) {
      body.put("chain", chain);
    }
    assertEquals(200, api.addAsset(token, body).status());
    Money.awaitStatus(api, token, Money.deposit(chain, address, symbol, fund).getString("tx_id"), "CONFIRMED");
    Api.Reply sent = api.postJson(token, "/api/v1/transfer", new JsonObject().put("from_address", address)
        .put("to_address", to).put("chain", chain).put("token_symbol", symbol).put("amount", amount));
    assertEquals(200, sent.status(), sent::toString);
    String txId = sent.json().getString("tx_id");
    Money.awaitStatus(api, token, txId, "CONFIRMED");
    return new Sent(address, fx.row("SELECT * FROM transactions WHERE tx_id = $1", txId),
        api.get(token, "/api/v1/transactions/" + txId).json());
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("bsc USDT: an EIP-1559 transaction for chain 56 calling transfer(to, amount), signed by the account")
  void evmToken() throws Exception {
    Sent s = send("ethereum", ChainFamily.EVM, "bsc", "USDT", "5", "1.25", TransferTest.OUTSIDE);
    SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(HEX.formatHex(s.signed()));
    assertEquals(56, ((Transaction1559) decoded.getTransaction()).getChainId());
    assertEquals(s.from(), Keys.toChecksumAddress(decoded.getFrom()), "the sender recovered from the signature");
    assertEquals("0x55d398326f99059ff775485246999027b3197955", decoded.getTo(), "bsc USDT's contract");
    assertEquals(BigInteger.ZERO, decoded.getValue());
    String data = decoded.getData().startsWith("0x") ? decoded.getData().substring(2) : decoded.getData();
    assertEquals("a9059cbb" + "000000000000000000000000" + TransferTest.OUTSIDE.substring(2).toLowerCase()
        + String.format("%064x", new BigInteger("1250000000000000000")), data, "1.25 at bsc USDT's 18 decimals");
    assertEquals(BigInteger.ZERO, decoded.getNonce(), "the account's first transfer");
    assertEquals("0x" + HEX.formatHex(Hash.sha3(s.signed())), s.json().getString("tx_hash"));
  }

  @Test
  @DisplayName("tron TRX: sha256 of the raw data is the tx_hash, and the signature over it recovers the account")
  void tron() throws Exception {
    Sent s = send("tron", ChainFamily.TRON, "tron", "TRX", "10", "2.5", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
    byte[] signed = s.signed();
    byte[] signature = Arrays.copyOfRange(signed, signed.length - 65, signed.length);
    byte[] raw = Arrays.copyOfRange(signed, 2 + (signed[1] & 0x80) / 0x80, signed.length - 67);
    assertEquals(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(raw)), s.json().getString("tx_hash"));
    BigInteger publicKey = Sign.signedMessageHashToKey(HEX.parseHex(s.json().getString("tx_hash")),
        new Sign.SignatureData(signature[64], Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64)));
    byte[] payload = new byte[21];
    payload[0] = 0x41;
    System.arraycopy(HEX.parseHex(Keys.getAddress(publicKey)), 0, payload, 1, 20);
    assertEquals(s.from(), Base58.encodeChecked(payload));
  }

  @Test
  @DisplayName("solana SOL: an ed25519 signature over the transfer that the address (the public key) verifies; tx_hash is it in base58")
  void solana() {
    Sent s = send("solana", ChainFamily.SOLANA, "solana", "SOL", "3", "1.000000001",
        "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
    byte[] signature = Arrays.copyOfRange(s.signed(), 0, 64);
    byte[] message = TransactionSigner.signedMessage(ChainFamily.SOLANA, s.signed());
    assertTrue(new String(message, java.nio.charset.StandardCharsets.UTF_8).contains("\n1000000001\n"),
        "the amount in lamports");
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(Base58.decode(s.from()), 0));
    verifier.update(message, 0, message.length);
    assertTrue(verifier.verifySignature(signature));
    assertEquals(Base58.encode(signature), s.json().getString("tx_hash"));
  }

  @Test
  @DisplayName("bitcoin BTC: the stored bytes carry the account's public key and a signature it verifies; tx_hash is a txid")
  void bitcoin() {
    Sent s = send("bitcoin", ChainFamily.BITCOIN, "bitcoin", "BTC", "1", "0.1",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    byte[] signed = s.signed();
    byte[] publicKey = Arrays.copyOfRange(signed, 0, 33);
    byte[] sha = sha256(publicKey);
    RIPEMD160Digest ripemd = new RIPEMD160Digest();
    ripemd.update(sha, 0, sha.length);
    byte[] hash160 = new byte[20];
    ripemd.doFinal(hash160, 0);
    assertEquals(s.from(), Bech32.segwitAddress("bc", 0, hash160), "the stored public key is the account's");
    ASN1Sequence der = ASN1Sequence.getInstance(Arrays.copyOfRange(signed, 34, 34 + (signed[33] & 0xff)));
    byte[] message = TransactionSigner.signedMessage(ChainFamily.BITCOIN, signed);
    assertTrue(new String(message, java.nio.charset.StandardCharsets.UTF_8).contains("\n10000000\n"),
        "0.1 BTC in satoshis");
    X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(curve.getCurve().decodePoint(publicKey), new ECDomainParameters(curve)));
    assertTrue(verifier.verifySignature(sha256(sha256(message)), ASN1Integer.getInstance(der.getObjectAt(0)).getValue(),
        ASN1Integer.getInstance(der.getObjectAt(1)).getValue()));
    byte[] txid = sha256(sha256(signed));
    for (int i = 0, j = 31; i < j; i++, j--) {
      byte b = txid[i];
      txid[i] = txid[j];
      txid[j] = b;
    }
    assertEquals(HEX.formatHex(txid), s.json().getString("tx_hash"));
  }
}
