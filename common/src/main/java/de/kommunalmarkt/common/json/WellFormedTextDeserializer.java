package de.kommunalmarkt.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import de.kommunalmarkt.common.text.WellFormedText;
import java.io.IOException;

/**
 * Text as every request field reads it: {@link WellFormedText}. A flawed value is refused like a wrong
 * type, so the client gets a 400 naming the field.
 * Everything else is Jackson's own string handling.
 */
final class WellFormedTextDeserializer extends StdScalarDeserializer<String> {

    WellFormedTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = StringDeserializer.instance.deserialize(p, ctxt);
        String flaw = text == null ? null : WellFormedText.flaw(text);
        if (flaw != null) {
            return (String) ctxt.handleWeirdStringValue(String.class, text, flaw);
        }
        return text;
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
