package de.kommunalmarkt.events;

import java.util.regex.Pattern;

/**
 * The Amtlicher Gemeindeschlüssel that names a municipality everywhere in the marketplace: 8 digits whose
 * first two are a German state (01–16). The one definition of its form: catalog validates requests with
 * {@link #PATTERN}, licensing and billing check ids in paths and events with {@link #isValid}, and the JSON
 * Schemas ({@code schemas/common.schema.json}, {@code ags}) carry the same pattern (a test keeps them equal).
 */
public final class Ags {

    /** For {@code @Pattern(regexp = Ags.PATTERN)}: the whole value must match. */
    public static final String PATTERN = "(0[1-9]|1[0-6])[0-9]{6}";

    /** What a client is told when a value is no AGS. */
    public static final String MESSAGE = "must be an 8-digit AGS whose first two digits are a state 01–16";

    private static final Pattern FORM = Pattern.compile(PATTERN);

    private Ags() {
    }

    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }
}
