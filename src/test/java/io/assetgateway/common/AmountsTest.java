package io.assetgateway.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Amounts: plain decimal strings in, plain decimal strings out")
class AmountsTest {

  @ParameterizedTest
  @ValueSource(strings = {"1e3", "1E3", "-1", "+1", " 1", "1 ", ".5", "5.", "0x10", "1,5", "", "NaN", "Infinity", "１"})
  @DisplayName("signs, exponents, spaces and other spellings are not amounts")
  void refused(String text) {
    assertNull(Amounts.parse(text));
  }

  @Test
  @DisplayName("trailing zeros do not count as places, and output never uses exponent notation")
  void canonical() {
    assertEquals(new BigDecimal("1.5"), Amounts.parse("1.50"));
    assertEquals(1, Amounts.places(Amounts.parse("1.5000000000")));
    assertEquals(0, Amounts.places(Amounts.parse("100")));
    assertEquals("100", Amounts.format(Amounts.parse("100.000")));
    assertEquals("0", Amounts.format("0.000000"));
    assertEquals("0.00000001", Amounts.format("1E-8"));
    assertEquals("1000000000000000000000", Amounts.format("1E+21"));
    assertEquals(new BigInteger("1500000000000000000"), Amounts.smallestUnits(Amounts.parse("1.5"), 18));
  }
}
