package io.assetgateway.address;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Address encodings against published test vectors")
class EncodingVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Bitcoin Core src/test/data/base58_encode_decode.json. */
  @ParameterizedTest(name = "base58 {0} <-> {1}")
  @CsvSource(value = {
      "'', ''",
      "61, 2g",
      "626262, a3gV",
      "636363, aPEr",
      "73696d706c792061206c6f6e6720737472696e67, 2cFupjhnEsSn59qHXstmK2ffpLv2",
      "00eb15231dfceb60925886b67d065299925915aeb172c06647, 1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L",
      "516b6fcd0f, ABnLTmg",
      "bf4f89001e670274dd, 3SEo3LWLoPntC",
      "572e4794, 3EFU7m",
      "ecac89cad93923c02321, EJDM8drfXA6uyA",
      "10c8511e, Rt5zm",
      "00000000000000000000, 1111111111"})
  void base58(String hex, String encoded) {
    assertEquals(encoded, Base58.encode(HEX.parseHex(hex)));
    assertArrayEquals(HEX.parseHex(hex), Base58.decode(encoded));
  }

  @Test
  @DisplayName("base58check: the genesis-block address is version 0 + its hash160; a changed character fails")
  void base58check() {
    byte[] payload = Base58.decodeChecked("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertEquals("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18", HEX.formatHex(payload));
    assertEquals("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Base58.encodeChecked(payload));
    assertThrows(IllegalArgumentException.class, () -> Base58.decodeChecked("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"));
    assertThrows(IllegalArgumentException.class, () -> Base58.decode("0OIl"));
    // tron's USDT contract: 0x41 + 20 bytes
    assertEquals(21, Base58.decodeChecked("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t").length);
  }

  @Test
  @DisplayName("Keccak-256 of the empty string")
  void keccak() {
    assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        HEX.formatHex(Eip55.keccak256(new byte[0])));
  }

  /** The examples of EIP-55 itself. */
  @ParameterizedTest(name = "EIP-55 {0}")
  @ValueSource(strings = {
      "0x52908400098527886E0F7030069857D2E4169EE7",
      "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
      "0xde709f2102306220921060314715629080e2fb77",
      "0x27b1fdb04752bbc536007a920d24acb045561c26",
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
      "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
      "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
      "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
  void eip55(String address) {
    assertEquals(address, Eip55.checksum(address.toLowerCase()));
    assertTrue(Eip55.isChecksummed(address));
  }

  @Test
  @DisplayName("EIP-55 rejects a wrongly cased address")
  void eip55Rejects() {
    assertFalse(Eip55.isChecksummed("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    assertFalse(Eip55.isChecksummed("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe"));
  }

  /** BIP-173 valid segwit addresses (mainnet v0). */
  @ParameterizedTest(name = "bech32 {1}")
  @CsvSource({
      "751e76e8199196d454941c45d1b3a323f1433bd6, bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
      "1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262, bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3"})
  void bech32(String program, String address) {
    assertEquals(address, Bech32.segwitAddress("bc", 0, HEX.parseHex(program)));
  }
}
