package de.kommunalmarkt.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * Text as every request field reads it: well-formed Unicode without NUL characters and without
 * bidirectional control characters (which make a name display differently from what it is).
 * A flawed value is refused like a wrong type, so the client gets a 400 naming the field.
 * Everything else is Jackson's own string handling.
 */
final class WellFormedTextDeserializer extends StdScalarDeserializer<String> {

    WellFormedTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = StringDeserializer.instance.deserialize(p, ctxt);
        String flaw = text == null ? null : flaw(text);
        if (flaw != null) {
            return (String) ctxt.handleWeirdStringValue(String.class, text, flaw);
        }
        return text;
    }

    /** What is wrong with the text, or null when it is well-formed. */
    static String flaw(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character";
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

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
        return true;
    }
}
