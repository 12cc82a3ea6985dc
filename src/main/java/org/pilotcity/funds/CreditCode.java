package org.pilotcity.funds;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from
 * 0-9 and A-Z without I, O, Z, S, V; the last is a check character (mod 31 over weights 3^i mod 31).
 */
public final class CreditCode {

  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  private CreditCode() {}

  /** Null when the code is valid, else what is wrong with it, in Chinese. */
  public static String problem(String code) {
    if (code == null || code.isBlank()) {
      return "统一社会信用代码不能为空";
    }
    String c = code.trim();
    if (c.length() != 18) {
      return "统一社会信用代码应为18位（收到" + c.length() + "位：" + c + "）";
    }
    int sum = 0;
    for (int i = 0; i < 18; i++) {
      int value = ALPHABET.indexOf(c.charAt(i));
      if (value < 0) {
        return "统一社会信用代码第" + (i + 1) + "位“" + c.charAt(i) + "”不是有效字符（只能是数字和除I、O、Z、S、V以外的大写字母）";
      }
      if (i < 17) {
        sum += value * WEIGHTS[i];
      }
    }
    char expected = checkCharacter(sum);
    if (c.charAt(17) != expected) {
      return "统一社会信用代码“" + c + "”校验位错误（按GB 32100-2015应为" + expected + "），请核对";
    }
    return null;
  }

  /** The check character for the first 17 characters (which must be valid). */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    return checkCharacter(sum);
  }

  private static char checkCharacter(int sum) {
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }
}
