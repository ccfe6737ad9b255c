package de.kommunalmarkt.common.text;

/**
 * The one rule for text a request carries, in a JSON body or in its URL: well-formed Unicode without
 * NUL characters and without bidirectional control characters (which make a name display differently
 * from what it is). A query parameter or path segment is a single-line value, so it may hold no control
 * character at all; body text keeps line breaks and tabs (a description has paragraphs).
 */
public final class WellFormedText {

    /** What is wrong with a text field of a body, or null when it is well-formed. */
    public static String flaw(String text) {
        return flaw(text, false);
    }

    /** What is wrong with a query parameter or path segment (decoded), or null when it is well-formed. */
    public static String parameterFlaw(String text) {
        return flaw(text, true);
    }

    private static String flaw(String text, boolean singleLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character";
            }
            if (singleLine && Character.isISOControl(c)) {
                return "contains a control character (U+%04X)".formatted((int) c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (not well-formed Unicode)";
            } else if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
                return "contains a bidirectional control character";
            }
        }
        return null;
    }

    private WellFormedText() {
    }
}
