package io.assetgateway.keys;

import io.assetgateway.address.Base58;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The protobuf bytes of a tron transaction (java-tron's {@code Transaction.raw} and {@code Transaction}): a
 * TransferContract for TRX, a TriggerSmartContract calling TRC-20 {@code transfer(to, amount)} for tokens.
 * Only the fields a transfer needs, in field-number order and without proto3 defaults, as protobuf writes
 * them, so sha256 of the bytes is the id a node would compute (pinned by published Nile transactions).
 */
final class TronTransaction {
  static final int TRANSFER_CONTRACT = 1;
  static final int TRIGGER_SMART_CONTRACT = 31;
  static final String TRANSFER_TYPE_URL = "type.googleapis.com/protocol.TransferContract";
  static final String TRIGGER_TYPE_URL = "type.googleapis.com/protocol.TriggerSmartContract";
  private static final long EXPIRATION_MILLIS = 60_000;
  private static final long TOKEN_FEE_LIMIT_SUN = 100_000_000;

  private TronTransaction() {}

  /**
   * {@code Transaction.raw} of a transfer; its sha256 is the transaction id that gets signed. The sandbox has
   * no real blocks to reference, so the block reference comes from the nonce and the transaction id.
   */
  static byte[] rawData(TransferToSign t) {
    byte[] owner = Base58.decodeChecked(t.fromAddress());
    byte[] refBlockBytes = {(byte) (t.nonce() >>> 8), (byte) t.nonce()};
    byte[] refBlockHash = Arrays.copyOf(TransactionSigner.sha256(t.txId().getBytes(StandardCharsets.US_ASCII)), 8);
    long expiration = t.createdAtMillis() + EXPIRATION_MILLIS;
    if (t.contractAddress() == null) {
      return raw(refBlockBytes, refBlockHash, expiration, TRANSFER_CONTRACT, TRANSFER_TYPE_URL,
          transferContract(owner, Base58.decodeChecked(t.toAddress()), t.units().longValueExact()),
          t.createdAtMillis(), 0);
    }
    byte[] recipient = Arrays.copyOfRange(Base58.decodeChecked(t.toAddress()), 1, 21);
    String callData = TransactionSigner.erc20Transfer("0x" + HexFormat.of().formatHex(recipient), t.units());
    return raw(refBlockBytes, refBlockHash, expiration, TRIGGER_SMART_CONTRACT, TRIGGER_TYPE_URL,
        triggerSmartContract(owner, Base58.decodeChecked(t.contractAddress()), 0,
            HexFormat.of().parseHex(callData.substring(2))),
        t.createdAtMillis(), TOKEN_FEE_LIMIT_SUN);
  }

  /** {@code TransferContract {owner_address = 1; to_address = 2; amount = 3}}; addresses are 21 bytes. */
  static byte[] transferContract(byte[] owner, byte[] to, long amountSun) {
    return new Proto().bytes(1, owner).bytes(2, to).int64(3, amountSun).toByteArray();
  }

  /** {@code TriggerSmartContract {owner_address = 1; contract_address = 2; call_value = 3; data = 4}}. */
  static byte[] triggerSmartContract(byte[] owner, byte[] contract, long callValue, byte[] data) {
    return new Proto().bytes(1, owner).bytes(2, contract).int64(3, callValue).bytes(4, data).toByteArray();
  }

  /**
   * {@code raw {ref_block_bytes = 1; ref_block_hash = 4; expiration = 8; contract = 11; timestamp = 14;
   * fee_limit = 18}} with one {@code Contract {type = 1; parameter = 2 (Any {type_url = 1; value = 2})}}.
   */
  static byte[] raw(byte[] refBlockBytes, byte[] refBlockHash, long expiration, int contractType, String typeUrl,
      byte[] contractValue, long timestamp, long feeLimit) {
    byte[] any = new Proto().bytes(1, typeUrl.getBytes(StandardCharsets.UTF_8)).bytes(2, contractValue).toByteArray();
    byte[] contract = new Proto().int64(1, contractType).bytes(2, any).toByteArray();
    return new Proto().bytes(1, refBlockBytes).bytes(4, refBlockHash).int64(8, expiration).bytes(11, contract)
        .int64(14, timestamp).int64(18, feeLimit).toByteArray();
  }

  /** {@code Transaction {raw raw_data = 1; repeated bytes signature = 2}} with one 65-byte signature. */
  static byte[] signed(byte[] rawData, byte[] signature) {
    return new Proto().bytes(1, rawData).bytes(2, signature).toByteArray();
  }

  /** A protobuf message writer: varint and length-delimited fields; zero and empty values are left out. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto int64(int field, long value) {
      if (value != 0) {
        varint((long) field << 3);
        varint(value);
      }
      return this;
    }

    Proto bytes(int field, byte[] value) {
      if (value.length > 0) {
        varint(((long) field << 3) | 2);
        varint(value.length);
        out.writeBytes(value);
      }
      return this;
    }

    private void varint(long value) {
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
