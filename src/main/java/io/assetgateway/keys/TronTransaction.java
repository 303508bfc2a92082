package io.assetgateway.keys;

import io.assetgateway.address.Base58;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The protobuf bytes of a tron transaction (java-tron's {@code Transaction.raw} and {@code Transaction}): a
 * TransferContract for TRX, a TriggerSmartContract calling TRC-20 {@code transfer(to, amount)} for tokens.
 * Only the fields a transfer needs, written in field-number order as protobuf does.
 */
final class TronTransaction {
  private static final int TRANSFER_CONTRACT = 1;
  private static final int TRIGGER_SMART_CONTRACT = 31;
  private static final long EXPIRATION_MILLIS = 60_000;
  private static final long TOKEN_FEE_LIMIT_SUN = 100_000_000;

  private TronTransaction() {}

  /** {@code Transaction.raw}; its sha256 is the transaction id that gets signed. */
  static byte[] rawData(TransferToSign t) {
    byte[] owner = address(t.fromAddress());
    byte[] contract;
    String typeUrl;
    int type;
    if (t.contractAddress() == null) {
      contract = new Proto().bytes(1, owner).bytes(2, address(t.toAddress())).varint(3, t.units().longValueExact())
          .toByteArray();
      typeUrl = "type.googleapis.com/protocol.TransferContract";
      type = TRANSFER_CONTRACT;
    } else {
      byte[] recipient = Arrays.copyOfRange(address(t.toAddress()), 1, 21);
      String callData = TransactionSigner.erc20Transfer("0x" + HexFormat.of().formatHex(recipient), t.units());
      contract = new Proto().bytes(1, owner).bytes(2, address(t.contractAddress()))
          .bytes(4, HexFormat.of().parseHex(callData.substring(2))).toByteArray();
      typeUrl = "type.googleapis.com/protocol.TriggerSmartContract";
      type = TRIGGER_SMART_CONTRACT;
    }
    byte[] any = new Proto().bytes(1, typeUrl.getBytes(StandardCharsets.US_ASCII)).bytes(2, contract).toByteArray();
    byte[] contractEntry = new Proto().varint(1, type).bytes(2, any).toByteArray();
    // The sandbox has no real blocks to reference: the reference comes from the nonce, deterministically.
    Proto raw = new Proto()
        .bytes(1, new byte[] {(byte) (t.nonce() >>> 8), (byte) t.nonce()})
        .bytes(4, Arrays.copyOf(TransactionSigner.sha256(t.txId().getBytes(StandardCharsets.US_ASCII)), 8))
        .varint(8, t.createdAtMillis() + EXPIRATION_MILLIS)
        .bytes(11, contractEntry)
        .varint(14, t.createdAtMillis());
    if (t.contractAddress() != null) {
      raw.varint(18, TOKEN_FEE_LIMIT_SUN);
    }
    return raw.toByteArray();
  }

  /** {@code Transaction}: the raw data and one 65-byte signature. */
  static byte[] signed(byte[] rawData, byte[] signature) {
    return new Proto().bytes(1, rawData).bytes(2, signature).toByteArray();
  }

  /** The 21 bytes (0x41 and 20) of a base58check tron address. */
  private static byte[] address(String base58) {
    return Base58.decodeChecked(base58);
  }

  /** A protobuf message writer: varint and length-delimited fields. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      writeVarint(((long) field << 3));
      writeVarint(value);
      return this;
    }

    Proto bytes(int field, byte[] value) {
      writeVarint(((long) field << 3) | 2);
      writeVarint(value.length);
      out.writeBytes(value);
      return this;
    }

    private void writeVarint(long value) {
      long v = value;
      while ((v & ~0x7fL) != 0) {
        out.write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
