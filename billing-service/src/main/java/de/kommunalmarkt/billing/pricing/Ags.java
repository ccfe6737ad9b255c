package de.kommunalmarkt.billing.pricing;

import java.util.Objects;

/** Pricing's guard on the Amtlicher Gemeindeschlüssel ({@link de.kommunalmarkt.events.Ags}, the one rule of its form); as a string it also orders ties in cost sharing. */
final class Ags {

    private Ags() {
    }

    static String require(String name, String ags) {
        Objects.requireNonNull(ags, name + " is required");
        if (!de.kommunalmarkt.events.Ags.isValid(ags)) {
            throw new IllegalArgumentException(name + " " + de.kommunalmarkt.events.Ags.MESSAGE + ", got '" + ags + "'");
        }
        return ags;
    }
}
