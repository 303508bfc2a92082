package io.assetgateway.keys;

import io.assetgateway.address.Base58;
import io.assetgateway.address.Eip55;
import io.assetgateway.registry.ChainFamily;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;

/**
 * Signs transfers with the account's own key, derived from its wallet seed at the account's index (the same
 * paths as {@link AddressDerivation}). CPU work: call it off the event loop. Every family refuses to sign
 * when the derived key's address is not the transfer's sender.
 * <ul>
 *   <li>EVM: an EIP-1559 transaction for the chain id (web3j's RLP encoder, secp256k1 with RFC 6979 and low
 *       s); native coins as value, tokens as an ERC-20 {@code transfer(to, amount)} call. Hash: keccak-256 of
 *       the signed envelope.</li>
 *   <li>tron: the protobuf raw data of a TransferContract or TriggerSmartContract; transaction id =
 *       sha256(raw data), signed with secp256k1 (65 bytes r, s, v).</li>
 *   <li>bitcoin: an ECDSA secp256k1 signature (DER, low s) over the double SHA-256 of the transfer's canonical
 *       bytes, with the compressed public key; hash: the txid format, reversed double SHA-256 of the signed
 *       bytes in hex.</li>
 *   <li>solana: an ed25519 signature over the transfer's canonical bytes; hash: the signature in base58, as
 *       solana names a transaction by its first signature.</li>
 * </ul>
 */
public final class TransactionSigner {
  /** Fixed sandbox fees: gas is not charged to balances. */
  static final BigInteger GAS_LIMIT_NATIVE = BigInteger.valueOf(21_000);
  static final BigInteger GAS_LIMIT_TOKEN = BigInteger.valueOf(100_000);
  static final BigInteger MAX_PRIORITY_FEE = BigInteger.valueOf(1_500_000_000L);
  static final BigInteger MAX_FEE = BigInteger.valueOf(30_000_000_000L);

  private TransactionSigner() {}

  /** Signs the transfer with the key of account {@code index} of the wallet {@code seed}. */
  public static SignedTransaction sign(byte[] seed, int index, TransferToSign transfer) {
    String path = AddressDerivation.path(transfer.family(), index);
    if (transfer.family() == ChainFamily.SOLANA) {
      return solana(Slip10Ed25519Key.master(seed).derive(path), transfer);
    }
    Bip32Key key = Bip32Key.master(seed).derive(path);
    return switch (transfer.family()) {
      case EVM -> evm(key, transfer);
      case TRON -> tron(key, transfer);
      case BITCOIN -> bitcoin(key, transfer);
      case SOLANA -> throw new IllegalStateException("handled above");
    };
  }

  static SignedTransaction evm(Bip32Key key, TransferToSign t) {
    requireSender(AddressDerivation.evmAddress(key), t);
    if (t.chainId() == null) {
      throw new IllegalArgumentException("an EVM transfer needs its chain id");
    }
    RawTransaction unsigned = t.contractAddress() == null
        ? RawTransaction.createEtherTransaction(t.chainId(), BigInteger.valueOf(t.nonce()), GAS_LIMIT_NATIVE,
            t.toAddress(), t.units(), MAX_PRIORITY_FEE, MAX_FEE)
        : RawTransaction.createTransaction(t.chainId(), BigInteger.valueOf(t.nonce()), GAS_LIMIT_TOKEN,
            t.contractAddress(), BigInteger.ZERO, erc20Transfer(t.toAddress(), t.units()), MAX_PRIORITY_FEE, MAX_FEE);
    byte[] signed = TransactionEncoder.signMessage(unsigned, Credentials.create(ECKeyPair.create(key.privateKey())));
    return new SignedTransaction(signed, "0x" + HexFormat.of().formatHex(Hash.sha3(signed)));
  }

  /** ABI call data of ERC-20 {@code transfer(address,uint256)}. */
  static String erc20Transfer(String to, BigInteger units) {
    return FunctionEncoder.encode(new Function("transfer", List.of(new Address(to), new Uint256(units)), List.of()));
  }

  static SignedTransaction tron(Bip32Key key, TransferToSign t) {
    requireSender(AddressDerivation.tronAddress(key), t);
    byte[] raw = TronTransaction.rawData(t);
    byte[] txId = sha256(raw);
    Sign.SignatureData signature = Sign.signMessage(txId, ECKeyPair.create(key.privateKey()), false);
    byte[] sig65 = new byte[65];
    System.arraycopy(signature.getR(), 0, sig65, 0, 32);
    System.arraycopy(signature.getS(), 0, sig65, 32, 32);
    sig65[64] = signature.getV()[0];
    return new SignedTransaction(TronTransaction.signed(raw, sig65), HexFormat.of().formatHex(txId));
  }

  static SignedTransaction bitcoin(Bip32Key key, TransferToSign t) {
    byte[] publicKey = key.publicKey(true);
    requireSender(io.assetgateway.address.Bech32.segwitAddress("bc", 0, AddressDerivation.hash160(publicKey)), t);
    byte[] message = canonicalBytes(t);
    byte[] digest = doubleSha256(message);
    ECDSASignature signature = ECKeyPair.create(key.privateKey()).sign(digest); // RFC 6979, low s
    byte[] der = der(signature);
    byte[] raw = concat(publicKey, new byte[] {(byte) der.length}, der, message);
    byte[] txid = doubleSha256(raw);
    reverse(txid);
    return new SignedTransaction(raw, HexFormat.of().formatHex(txid));
  }

  static SignedTransaction solana(Slip10Ed25519Key key, TransferToSign t) {
    byte[] publicKey = key.publicKey();
    requireSender(Base58.encode(publicKey), t);
    byte[] message = canonicalBytes(t);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(key.privateKey(), 0));
    signer.update(message, 0, message.length);
    byte[] signature = signer.generateSignature();
    return new SignedTransaction(concat(signature, message), Base58.encode(signature));
  }

  /**
   * The canonical bytes of a transfer that bitcoin and solana signatures cover: its fields, in a fixed order,
   * newline-separated, UTF-8. Anyone holding the public key can rebuild them and verify.
   */
  public static byte[] canonicalBytes(TransferToSign t) {
    return String.join("\n", "asset-gateway transfer v1", t.chain(), t.txId(), t.fromAddress(), t.toAddress(),
            t.units().toString(), t.contractAddress() == null ? "" : t.contractAddress(), Long.toString(t.nonce()))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The canonical bytes inside a signed bitcoin or solana transfer (what its signature covers). Layouts:
   * bitcoin {@code pubkey(33) len(1) der-signature message}, solana {@code signature(64) message}.
   */
  public static byte[] signedMessage(ChainFamily family, byte[] raw) {
    return switch (family) {
      case SOLANA -> Arrays.copyOfRange(raw, 64, raw.length);
      case BITCOIN -> Arrays.copyOfRange(raw, 34 + (raw[33] & 0xff), raw.length);
      default -> throw new IllegalArgumentException("no canonical message in " + family + " transactions");
    };
  }

  private static void requireSender(String derived, TransferToSign t) {
    boolean same = t.family() == ChainFamily.EVM ? derived.equalsIgnoreCase(t.fromAddress())
        : derived.equals(t.fromAddress());
    if (!same) {
      throw new IllegalStateException("the key of this account derives " + derived + ", not the sender "
          + t.fromAddress() + " of transaction " + t.txId());
    }
  }

  private static byte[] der(ECDSASignature signature) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(signature.r));
    v.add(new ASN1Integer(signature.s));
    try {
      return new DERSequence(v).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding cannot fail in memory", e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  static byte[] doubleSha256(byte[] data) {
    return sha256(sha256(data));
  }

  private static void reverse(byte[] bytes) {
    for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
      byte b = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = b;
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Keccak-256 (for tests and callers that check EVM hashes). */
  public static byte[] keccak256(byte[] data) {
    return Eip55.keccak256(data);
  }
}
