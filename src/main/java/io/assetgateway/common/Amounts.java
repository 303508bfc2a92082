package io.assetgateway.common;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Token amounts as the API writes them: plain decimal strings (digits, an optional fraction), never a sign,
 * never exponent notation. Arithmetic is BigDecimal here and numeric in PostgreSQL, never floating point.
 */
public final class Amounts {
  /** Up to 60 integer digits and 36 fraction digits: more than any uint256 amount of a registry token. */
  private static final Pattern PLAIN = Pattern.compile("[0-9]{1,60}(\\.[0-9]{1,36})?");

  private Amounts() {}

  /** The amount of a plain decimal string, or null when the text is not one (signs, exponents, spaces...). */
  public static BigDecimal parse(String text) {
    if (text == null || !PLAIN.matcher(text).matches()) {
      return null;
    }
    return canonical(new BigDecimal(text));
  }

  /** Without trailing fraction zeros, so "1.50" and "1.5" are one value with one spelling. */
  public static BigDecimal canonical(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** Decimal places the amount needs ("1.50" needs 1). */
  public static int places(BigDecimal amount) {
    return Math.max(0, canonical(amount).scale());
  }

  /** The API spelling: plain, no trailing zeros ("0", "1000.5"). */
  public static String format(BigDecimal amount) {
    return canonical(amount).toPlainString();
  }

  /** The API spelling of PostgreSQL's numeric text. */
  public static String format(String numericText) {
    return format(new BigDecimal(numericText));
  }

  /** The amount in the token's smallest unit (wei, sun, satoshi, lamport); the amount has at most that many places. */
  public static BigInteger smallestUnits(BigDecimal amount, int decimals) {
    return amount.movePointRight(decimals).toBigIntegerExact();
  }
}
