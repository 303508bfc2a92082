package io.assetgateway.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Recipient addresses per chain family (invalid_address), against published vectors")
class AddressCheckTest {

  @Test
  @DisplayName("EVM: one-case hex is accepted and checksummed; mixed case must be the EIP-55 checksum")
  void evm() {
    // EIP-55's own examples
    for (String a : new String[] {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
      assertEquals(a, AddressCheck.evm(a));
      assertEquals(a, AddressCheck.evm(a.toLowerCase()));
      assertEquals(a, AddressCheck.evm("0x" + a.substring(2).toUpperCase()));
    }
    assertNull(AddressCheck.evm("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"), "one letter's case off");
    assertNull(AddressCheck.evm("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae"), "39 digits");
    assertNull(AddressCheck.evm("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00"), "no 0x");
    assertNull(AddressCheck.evm("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg"), "not hex");
    assertNull(AddressCheck.evm(null));
  }

  @Test
  @DisplayName("tron: base58check of 0x41 and 20 bytes")
  void tron() {
    // tronprotocol/documentation-en getting_started_with_javatron.md: 41ce8a0c...89ca is TUoHaVjx7n5xz8LwPRDckgFrDWhMhuSuJM
    assertEquals("TUoHaVjx7n5xz8LwPRDckgFrDWhMhuSuJM", AddressCheck.tron("TUoHaVjx7n5xz8LwPRDckgFrDWhMhuSuJM"));
    assertEquals("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", AddressCheck.tron("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"));
    assertNull(AddressCheck.tron("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u"), "checksum");
    assertNull(AddressCheck.tron("1BoatSLRHtKNngkdXEeobR76b53LETtpyT"), "a bitcoin address: version 0x00");
    assertNull(AddressCheck.tron("T0OIl"), "not base58");
    assertNull(AddressCheck.tron(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // BIP-173 and BIP-350 valid mainnet addresses, and base58check P2PKH / P2SH
      "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
      "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
      "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
      "BC1SW50QGDZ25J",
      "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
      "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
      "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"})
  @DisplayName("bitcoin: valid mainnet addresses")
  void bitcoinValid(String address) {
    String canonical = AddressCheck.bitcoin(address);
    assertEquals(address.startsWith("1") || address.startsWith("3") ? address : address.toLowerCase(), canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // BIP-173 invalid
      "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
      "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2", "bc1rw5uspcuh",
      "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
      "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", "bc1gmk9yu",
      // BIP-350 invalid
      "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
      "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
      "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
      "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
      "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", "bc1pw5dgrnzv",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
      // testnet, mixed case, base58check with a bad checksum or a testnet version
      "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
      "1BoatSLRHtKNngkdXEeobR76b53LETtpyU", "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", ""})
  @DisplayName("bitcoin: BIP-173 and BIP-350 invalid vectors, testnet, mixed case and bad checksums are refused")
  void bitcoinInvalid(String address) {
    assertNull(AddressCheck.bitcoin(address));
  }

  @Test
  @DisplayName("solana: base58 of exactly 32 bytes")
  void solana() {
    assertEquals("11111111111111111111111111111111", AddressCheck.solana("11111111111111111111111111111111"));
    assertEquals("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
        AddressCheck.solana("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"));
    assertNull(AddressCheck.solana("1111111111111111111111111111111"), "31 bytes");
    assertNull(AddressCheck.solana("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5D0"), "0 is not base58");
    assertNull(AddressCheck.solana("4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4"), "31 bytes");
  }
}
