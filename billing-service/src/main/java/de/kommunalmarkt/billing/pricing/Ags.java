package de.kommunalmarkt.billing.pricing;

import java.util.Objects;
import java.util.regex.Pattern;

/** The Amtlicher Gemeindeschlüssel: 8 digits; as a string it also orders ties in cost sharing. */
final class Ags {

    private static final Pattern FORMAT = Pattern.compile("\\d{8}");

    private Ags() {
    }

    static String require(String name, String ags) {
        Objects.requireNonNull(ags, name + " is required");
        if (!FORMAT.matcher(ags).matches()) {
            throw new IllegalArgumentException(name + " must be an AGS of 8 digits, got '" + ags + "'");
        }
        return ags;
    }
}
