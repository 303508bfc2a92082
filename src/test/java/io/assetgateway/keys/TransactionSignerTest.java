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
