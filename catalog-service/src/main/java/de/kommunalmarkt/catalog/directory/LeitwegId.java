package de.kommunalmarkt.catalog.directory;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Leitweg-ID, the buyer reference (BT-10) every e-invoice to a German public body carries: a
 * coarse part of 2–12 digits, an optional fine part of up to 30 letters/digits, and 2 check digits
 * (ISO/IEC 7064 MOD 97-10 over the rest, letters counting A = 10 … Z = 35; valid when the whole
 * number mod 97 is 1).
 */
public final class LeitwegId {

    private static final Pattern FORMAT = Pattern.compile("^([0-9]{2,12})(?:-([A-Za-z0-9]{1,30}))?-([0-9]{2})$");

    /** Why the value is not a valid Leitweg-ID, or {@code null} when it is. */
    public static String problem(String value) {
        if (value == null) {
            return "must not be null";
        }
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            return "must be coarse part (2–12 digits), optional fine part (up to 30 letters/digits) and 2 check digits, joined by '-'";
        }
        String body = m.group(1) + (m.group(2) == null ? "" : m.group(2)) + m.group(3);
        StringBuilder digits = new StringBuilder();
        for (char c : body.toUpperCase().toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        if (new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() != 1) {
            return "check digits do not match (ISO/IEC 7064 MOD 97-10)";
        }
        return null;
    }

    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    private LeitwegId() {
    }
}
