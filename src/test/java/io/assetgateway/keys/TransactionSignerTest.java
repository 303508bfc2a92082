package io.assetgateway.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetgateway.address.Base58;
import io.assetgateway.address.Bech32;
import io.assetgateway.registry.ChainFamily;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.transaction.type.Transaction1559;

@DisplayName("Transfers are signed with the account's own key")
class TransactionSignerTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SEED = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
  private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
  private static final String RECIPIENT = "0x52908400098527886E0F7030069857D2E4169EE7";

  static TransferToSign transfer(ChainFamily family, String chain, Long chainId, String from, String to,
      BigInteger units, String contract, long nonce) {
    return new TransferToSign(family, chain, chainId, from, to, units, contract, nonce, "tx_01M7ZVXSWJXKZCW1370TYRYVSK",
        1_700_000_000_000L);
  }

  @Test
  @DisplayName("EIP-155's published signing example: web3j's encoder and RFC 6979 give its exact bytes")
  void eip155Vector() {
    // https://eips.ethereum.org/EIPS/eip-155, "Example"
    RawTransaction tx = RawTransaction.createEtherTransaction(BigInteger.valueOf(9), BigInteger.valueOf(20_000_000_000L),
        BigInteger.valueOf(21_000), "0x3535353535353535353535353535353535353535", new BigInteger("1000000000000000000"));
    byte[] signed = TransactionEncoder.signMessage(tx, 1L,
        Credentials.create("0x4646464646464646464646464646464646464646464646464646464646464646"));
    assertEquals("f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61"
        + "340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3d"
        + "c64214b297fb1966a3b6d83", HEX.formatHex(signed));
  }

  @Test
  @DisplayName("a published EIP-1559 signing vector (eth-account): web3j's type-2 encoder gives its exact bytes")
  void eip1559Vector() {
    // ethereum/eth-account tests/core/test_accounts.py, ETH_TEST_TRANSACTIONS: "Typed Transaction (EIP-1559's
    // dynamic fee transaction)"
    RawTransaction tx = RawTransaction.createTransaction(1337L, BigInteger.TWO, BigInteger.valueOf(100_000),
        "0x96216849c49358B10257cb55b28eA603c874b05E", new BigInteger("5af3107a4000", 16), "0x5544",
        BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(2_000_000_000L));
    byte[] signed = TransactionEncoder.signMessage(tx,
        Credentials.create("70af7ec25374c2b06cbfffeaf9817a3d1bc61854abbf39e9e00de734b0c0c8c4"));
    assertEquals("02f8758205390284773594008477359400830186a09496216849c49358b10257cb55b28ea603c874b05e865af3107a4000"
        + "825544c001a008badd022b23e5bb51a13a18c99185dbd24aac054f876a3cf89a61672e998b89a01d14fb34a688d516f6444fdb6"
        + "ceca7778be786cc70d3fa29714b6f232f09a83a", HEX.formatHex(signed));
  }

  @Test
  @DisplayName("tron: the raw-data encoder reproduces published Nile transactions (TRX and TRC-20) and their ids")
  void tronVectors() throws Exception {
    // tronprotocol/documentation-en docs/api/http/tx-build-and-broadcast/createtransaction.md (real Nile capture)
    byte[] transfer = TronTransaction.raw(HEX.parseHex("2927"), HEX.parseHex("939ece39d08a7abe"), 1777447527000L,
        TronTransaction.TRANSFER_CONTRACT, TronTransaction.TRANSFER_TYPE_URL, TronTransaction.transferContract(
            HEX.parseHex("41dd791d6b49e190062d650e6a23c575510d35f2f9"),
            HEX.parseHex("4192ad11c1bf16b3b14b0bd6b5c7e2db73a0b5e83a"), 1_000_000), 1777447470038L, 0);
    assertEquals("0a0229272208939ece39d08a7abe40d8c483c1dd335a67080112630a2d747970652e676f6f676c65617069732e636f6d"
        + "2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a1541dd791d6b49e190062d650e6a23c575510d35f2f912"
        + "154192ad11c1bf16b3b14b0bd6b5c7e2db73a0b5e83a18c0843d70d68780c1dd33", HEX.formatHex(transfer));
    assertEquals("6303c7639f591407ef9f34a7ac8c9c9a21151f5a6af21924502515734fc267ab",
        HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(transfer)));
    // docs/api/http/smart-contract/triggersmartcontract.md: TRC-20 transfer, fee_limit 100 TRX
    byte[] data = HEX.parseHex(TransactionSigner.erc20Transfer("0x088a2bfcb1c7271029fd69a66859d55560895884",
        BigInteger.valueOf(100)).substring(2));
    byte[] token = TronTransaction.raw(HEX.parseHex("28c3"), HEX.parseHex("ce6d340282788569"), 1777447227000L,
        TronTransaction.TRIGGER_SMART_CONTRACT, TronTransaction.TRIGGER_TYPE_URL, TronTransaction.triggerSmartContract(
            HEX.parseHex("41dd791d6b49e190062d650e6a23c575510d35f2f9"),
            HEX.parseHex("41eca9bc828a3005b9a3b909f2cc5c2a54794de05f"), 0, data), 1777447168009L, 100_000_000);
    assertEquals("0a0228c32208ce6d34028278856940f89cf1c0dd335aae01081f12a9010a31747970652e676f6f676c65617069732e636f"
        + "6d2f70726f746f636f6c2e54726967676572536d617274436f6e747261637412740a1541dd791d6b49e190062d650e6a23c57551"
        + "0d35f2f9121541eca9bc828a3005b9a3b909f2cc5c2a54794de05f2244a9059cbb000000000000000000000000088a2bfcb1c72"
        + "71029fd69a66859d5556089588400000000000000000000000000000000000000000000000000000000000000647089d0edc0dd"
        + "33900180c2d72f", HEX.formatHex(token));
    assertEquals("8c621a0dc9bd4d405b20d0a43143955b9f546f98bbfde1aec295a65b0f925629",
        HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(token)));
  }

  @ParameterizedTest(name = "{0} (chain id {1}), {2}")
  @CsvSource({
      "ethereum, 1, ETH, ",
      "bsc, 56, BNB, ",
      "ethereum, 1, USDT, 0xdAC17F958D2ee523a2206206994597C13D831ec7",
      "polygon, 137, USDC, 0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359"})
  @DisplayName("EVM: an EIP-1559 transaction for the chain id; the sender recovered from the signature is the account")
  void evm(String chain, long chainId, String symbol, String contract) throws Exception {
    String from = AddressDerivation.address(ChainFamily.EVM, SEED, 3);
    BigInteger units = new BigInteger("1234500000000000000");
    SignedTransaction signed = TransactionSigner.sign(SEED, 3,
        transfer(ChainFamily.EVM, chain, chainId, from, RECIPIENT, units, contract, 7));

    assertEquals(0x02, signed.raw()[0], "typed envelope, EIP-1559");
    assertEquals("0x" + HEX.formatHex(Hash.sha3(signed.raw())), signed.hash(), "tx_hash = keccak-256 of the envelope");
    SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(HEX.formatHex(signed.raw()));
    Transaction1559 body = (Transaction1559) decoded.getTransaction();
    assertEquals(chainId, body.getChainId());
    assertEquals(BigInteger.valueOf(7), decoded.getNonce());
    assertEquals(from, org.web3j.crypto.Keys.toChecksumAddress(decoded.getFrom()), "the account's own key signed");
    if (contract == null) {
      assertEquals(RECIPIENT.toLowerCase(), decoded.getTo());
      assertEquals(units, decoded.getValue());
    } else {
      assertEquals(contract.toLowerCase(), decoded.getTo());
      assertEquals(BigInteger.ZERO, decoded.getValue());
      assertEquals("0xa9059cbb" + "000000000000000000000000" + RECIPIENT.substring(2).toLowerCase()
          + String.format("%064x", units), decoded.getData().startsWith("0x") ? decoded.getData() : "0x" + decoded.getData(),
          "ERC-20 transfer(to, amount)");
    }
    BigInteger s = new BigInteger(1, decoded.getSignatureData().getS());
    assertTrue(s.compareTo(SECP256K1.getN().shiftRight(1)) <= 0, "low s");
    // independently of the decoder: recover from keccak(0x02 || rlp(fields)) and the (v, r, s) we signed with
    byte[] unsignedEnvelope = TransactionEncoder.encode(decoded);
    BigInteger publicKey = Sign.signedMessageHashToKey(Hash.sha3(unsignedEnvelope), decoded.getSignatureData());
    assertEquals(from.toLowerCase(), "0x" + org.web3j.crypto.Keys.getAddress(publicKey));
    // RFC 6979: signing again gives the same bytes
    assertArrayEquals(signed.raw(), TransactionSigner.sign(SEED, 3,
        transfer(ChainFamily.EVM, chain, chainId, from, RECIPIENT, units, contract, 7)).raw());
  }

  @Test
  @DisplayName("tron: the id is sha256 of the raw data, and the secp256k1 signature over it recovers the account")
  void tron() throws Exception {
    String from = AddressDerivation.address(ChainFamily.TRON, SEED, 0);
    String to = AddressDerivation.address(ChainFamily.TRON, SEED, 1);
    for (String contract : new String[] {null, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}) {
      SignedTransaction signed = TransactionSigner.sign(SEED, 0, transfer(ChainFamily.TRON, "tron", null, from, to,
          BigInteger.valueOf(5_000_000), contract, 0));
      // Transaction { raw raw_data = 1; bytes signature = 2 }: field 1 length-delimited, then the 65-byte signature
      byte[] raw = field(signed.raw(), 0);
      byte[] signature = Arrays.copyOfRange(signed.raw(), signed.raw().length - 65, signed.raw().length);
      assertEquals(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(raw)), signed.hash());
      Sign.SignatureData data = new Sign.SignatureData(signature[64], Arrays.copyOfRange(signature, 0, 32),
          Arrays.copyOfRange(signature, 32, 64));
      BigInteger publicKey = Sign.signedMessageHashToKey(HEX.parseHex(signed.hash()), data);
      byte[] payload = new byte[21];
      payload[0] = 0x41;
      System.arraycopy(HEX.parseHex(org.web3j.crypto.Keys.getAddress(publicKey)), 0, payload, 1, 20);
      assertEquals(from, Base58.encodeChecked(payload), "signed by the account's key");
      byte[] owner = Base58.decodeChecked(from);
      assertTrue(indexOf(raw, owner) >= 0, "the raw data names the sender");
    }
  }

  @Test
  @DisplayName("bitcoin: a DER secp256k1 signature over the double SHA-256 of the transfer, verifiable with the key; a txid hash")
  void bitcoin() throws Exception {
    String from = AddressDerivation.address(ChainFamily.BITCOIN, SEED, 2);
    TransferToSign t = transfer(ChainFamily.BITCOIN, "bitcoin", null, from, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        BigInteger.valueOf(150_000), null, 4);
    SignedTransaction signed = TransactionSigner.sign(SEED, 2, t);
    byte[] publicKey = Arrays.copyOfRange(signed.raw(), 0, 33);
    assertEquals(from, Bech32.segwitAddress("bc", 0, AddressDerivation.hash160(publicKey)), "the account's key");
    byte[] der = Arrays.copyOfRange(signed.raw(), 34, 34 + (signed.raw()[33] & 0xff));
    byte[] message = TransactionSigner.signedMessage(ChainFamily.BITCOIN, signed.raw());
    assertArrayEquals(TransactionSigner.canonicalBytes(t), message);
    ASN1Sequence seq = ASN1Sequence.getInstance(der);
    BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(SECP256K1.getCurve().decodePoint(publicKey),
        new ECDomainParameters(SECP256K1)));
    assertTrue(verifier.verifySignature(TransactionSigner.doubleSha256(message), r, s));
    assertTrue(s.compareTo(SECP256K1.getN().shiftRight(1)) <= 0, "low s");
    byte[] txid = TransactionSigner.doubleSha256(signed.raw());
    reverse(txid);
    assertEquals(HEX.formatHex(txid), signed.hash());
    assertTrue(signed.hash().matches("[0-9a-f]{64}"));
  }

  @Test
  @DisplayName("solana: an ed25519 signature over the transfer, verifiable with the address's key; the hash is that signature in base58")
  void solana() {
    String from = AddressDerivation.address(ChainFamily.SOLANA, SEED, 1);
    TransferToSign t = transfer(ChainFamily.SOLANA, "solana", null, from, AddressDerivation.address(ChainFamily.SOLANA,
        SEED, 2), BigInteger.valueOf(2_500_000_000L), null, 0);
    SignedTransaction signed = TransactionSigner.sign(SEED, 1, t);
    byte[] signature = Arrays.copyOfRange(signed.raw(), 0, 64);
    byte[] message = TransactionSigner.signedMessage(ChainFamily.SOLANA, signed.raw());
    assertArrayEquals(TransactionSigner.canonicalBytes(t), message);
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(Base58.decode(from), 0));
    verifier.update(message, 0, message.length);
    assertTrue(verifier.verifySignature(signature));
    assertEquals(Base58.encode(signature), signed.hash());
  }

  @Test
  @DisplayName("a key that does not derive the sender's address refuses to sign")
  void wrongKeyRefuses() {
    String someoneElse = AddressDerivation.address(ChainFamily.EVM, SEED, 1);
    assertThrows(IllegalStateException.class, () -> TransactionSigner.sign(SEED, 0,
        transfer(ChainFamily.EVM, "ethereum", 1L, someoneElse, RECIPIENT, BigInteger.ONE, null, 0)));
    String solana = AddressDerivation.address(ChainFamily.SOLANA, SEED, 1);
    assertThrows(IllegalStateException.class, () -> TransactionSigner.sign(SEED, 0,
        transfer(ChainFamily.SOLANA, "solana", null, solana, solana, BigInteger.ONE, null, 0)));
  }

  /** The value of the length-delimited protobuf field that starts at {@code at}. */
  private static byte[] field(byte[] message, int at) {
    int pos = at + 1;
    int length = 0;
    int shift = 0;
    while (true) {
      int b = message[pos++] & 0xff;
      length |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    return Arrays.copyOfRange(message, pos, pos + length);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
        return i;
      }
    }
    return -1;
  }

  private static void reverse(byte[] bytes) {
    for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
      byte b = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = b;
    }
  }
}
