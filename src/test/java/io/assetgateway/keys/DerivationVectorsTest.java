package io.assetgateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.assetgateway.registry.ChainFamily;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Key derivation against published test vectors")
class DerivationVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] TV1_SEED = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
  private static final String ABANDON =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

  /** BIP-39 mnemonic to seed (PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic" + passphrase). */
  static byte[] bip39Seed(String mnemonic, String passphrase) throws Exception {
    String words = Normalizer.normalize(mnemonic, Normalizer.Form.NFKD);
    byte[] salt = Normalizer.normalize("mnemonic" + passphrase, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
    return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
        .generateSecret(new PBEKeySpec(words.toCharArray(), salt, 2048, 512)).getEncoded();
  }

  /** BIP-32 test vector 1. */
  @ParameterizedTest(name = "BIP-32 TV1 {0}")
  @CsvSource({
      "m,                     e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35, 873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508, 0339a36013301597daef41fbe593a02cc513d0b55527ec2df1050e2e8ff49c85c2",
      "m/0H,                  edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea, 47fdacbd0f1097043b78c63c20c34ef4ed9a111d980047ad16282c7ae6236141, 035a784662a4a20a65bf6aab9ae98a6c068a81c52e4b032c0fb5400c706cfccc56",
      "m/0H/1,                3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368, 2a7857631386ba23dacac34180dd1983734e444fdbf774041578e9b6adb37c19, 03501e454bf00751f24b1b489aa925215d66af2234e3891c3b21a52bedb3cd711c",
      "m/0H/1/2H,             cbce0d719ecf7431d88e6a89fa1483e02e35092af60c042b1df2ff59fa424dca, 04466b9cc8e161e966409ca52986c584f07e9dc81f735db683c3ff6ec7b1503f, 0357bfe1e341d01c69fe5654309956cbea516822fba8a601743a012a7896ee8dc2",
      "m/0H/1/2H/2,           0f479245fb19a38a1954c5c7c0ebab2f9bdfd96a17563ef28a6a4b1a2a764ef4, cfb71883f01676f587d023cc53a35bc7f88f724b1f8c2892ac1275ac822a3edd, 02e8445082a72f29b75ca48748a914df60622a609cacfce8ed0e35804560741d29",
      "m/0H/1/2H/2/1000000000, 471b76e389e528d6de6d816857e012c5455051cad6660850e58372a6c3e6e7c8, c783e67b921d2beb8f6b389cc646d7263b4145701dadd2161548a8b078e65e9e, 022a471424da5e657499d1ff51cb43c47481a03b1e77f951fe64cec9f5a48f7011"})
  void bip32(String path, String privateKey, String chainCode, String publicKey) {
    Bip32Key key = Bip32Key.master(TV1_SEED).derive(path);
    assertEquals(privateKey, HEX.formatHex(key.privateKey()));
    assertEquals(chainCode, HEX.formatHex(key.chainCode()));
    assertEquals(publicKey, HEX.formatHex(key.publicKey(true)));
  }

  /** SLIP-0010 test vector 1 for ed25519 (public keys shown with SLIP-0010's 0x00 prefix). */
  @ParameterizedTest(name = "SLIP-0010 ed25519 TV1 {0}")
  @CsvSource({
      "m,        2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7, 90046a93de5380a72b5e45010748567d5ea02bbf6522f979e05c0d8d8ca9fffb, 00a4b2856bfec510abab89753fac1ac0e1112364e7d250545963f135f2a33188ed",
      "m/0H,     68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3, 8b59aa11380b624e81507a27fedda59fea6d0b779a778918a2fd3590e16e9c69, 008c8a13df77a28f3445213a0f432fde644acaa215fc72dcdf300d5efaa85d350c",
      "m/0H/1H,  b1d0bad404bf35da785a64ca1ac54b2617211d2777696fbffaf208f746ae84f2, a320425f77d1b5c2505a6b1b27382b37368ee640e3557c315416801243552f14, 001932a5270f335bed617d5b935c80aedb1a35bd9fc1e31acafd5372c30f5c1187"})
  void slip10(String path, String privateKey, String chainCode, String publicKey) {
    Slip10Ed25519Key key = Slip10Ed25519Key.master(TV1_SEED).derive(path);
    assertEquals(privateKey, HEX.formatHex(key.privateKey()));
    assertEquals(chainCode, HEX.formatHex(key.chainCode()));
    assertEquals(publicKey, "00" + HEX.formatHex(key.publicKey()));
  }

  @Test
  @DisplayName("BIP-39: the 'abandon ... about' mnemonic gives the published seed")
  void bip39() throws Exception {
    assertEquals("5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4",
        HEX.formatHex(bip39Seed(ABANDON, "")));
  }

  /** Addresses of the 'abandon ... about' wallet published by BIP-84 and the wallet ecosystems. */
  @ParameterizedTest(name = "{0} account {1} -> {2}")
  @CsvSource({
      "EVM,     0, 0x9858EfFD232B4033E47d90003D41EC34EcaEda94",
      "BITCOIN, 0, bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu",
      "BITCOIN, 1, bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g",
      "TRON,    0, TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH",
      "SOLANA,  0, HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk"})
  void addresses(ChainFamily family, int index, String address) throws Exception {
    assertEquals(address, AddressDerivation.address(family, bip39Seed(ABANDON, ""), index));
  }

  @Test
  @DisplayName("paths: EVM and tron BIP-44, bitcoin BIP-84, solana SLIP-0010 hardened")
  void paths() {
    assertEquals("m/44'/60'/0'/0/3", AddressDerivation.path(ChainFamily.EVM, 3));
    assertEquals("m/44'/195'/0'/0/3", AddressDerivation.path(ChainFamily.TRON, 3));
    assertEquals("m/84'/0'/0'/0/3", AddressDerivation.path(ChainFamily.BITCOIN, 3));
    assertEquals("m/44'/501'/3'/0'", AddressDerivation.path(ChainFamily.SOLANA, 3));
    byte[] seed = TV1_SEED;
    assertNotEquals(AddressDerivation.address(ChainFamily.EVM, seed, 0), AddressDerivation.address(ChainFamily.EVM, seed, 1));
  }
}
