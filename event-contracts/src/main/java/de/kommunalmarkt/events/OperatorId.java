package de.kommunalmarkt.events;

import java.util.regex.Pattern;

/**
 * The id of an operator (a slug such as {@code kdvz-rhein-erft}): lower-case letters and digits, single
 * hyphens between, at most {@link #MAX_LENGTH} characters — short enough to name a Kafka topic and principal
 * of its own. The one definition of its form for catalog, licensing and the JSON Schemas
 * ({@code schemas/common.schema.json}, {@code operatorId}).
 */
public final class OperatorId {

    /** For {@code @Pattern(regexp = OperatorId.PATTERN)}: the whole value must match. */
    public static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

    public static final int MAX_LENGTH = 63;

    /** What a client is told when a value is no operator id. */
    public static final String MESSAGE = "must be an operator id (lower-case letters and digits, single hyphens between)";

    private static final Pattern FORM = Pattern.compile(PATTERN);

    private OperatorId() {
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && FORM.matcher(value).matches();
    }
}
