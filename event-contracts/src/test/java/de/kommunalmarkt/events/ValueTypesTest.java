package de.kommunalmarkt.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The shared value types and the JSON Schemas define one form each: the same pattern, the same bounds. */
class ValueTypesTest {

    private static JsonNode definition(String name) throws IOException {
        try (InputStream in = ValueTypesTest.class.getResourceAsStream("/schemas/common.schema.json")) {
            return new ObjectMapper().readTree(in).path("$defs").path(name);
        }
    }

    @Test
    void agsIsOneRule() throws IOException {
        assertThat(definition("Ags").path("pattern").asText()).isEqualTo("^" + Ags.PATTERN + "$");
        assertThat(Ags.isValid("09564000")).isTrue();
        assertThat(Ags.isValid("16077000")).isTrue();
        assertThat(Ags.isValid("00123456")).as("no state 00").isFalse();
        assertThat(Ags.isValid("17123456")).as("no state 17").isFalse();
        assertThat(Ags.isValid("0956400")).isFalse();
        assertThat(Ags.isValid("095640001")).isFalse();
        assertThat(Ags.isValid("0956400a")).isFalse();
        assertThat(Ags.isValid("٠٩٥٦٤٠٠٠")).as("only ASCII digits").isFalse();
        assertThat(Ags.isValid(null)).isFalse();
    }

    @Test
    void operatorIdIsOneRule() throws IOException {
        JsonNode schema = definition("OperatorId");
        assertThat(schema.path("pattern").asText()).isEqualTo("^" + OperatorId.PATTERN + "$");
        assertThat(schema.path("maxLength").asInt()).isEqualTo(OperatorId.MAX_LENGTH);
        assertThat(OperatorId.isValid("kdvz-rhein-erft")).isTrue();
        assertThat(OperatorId.isValid("a".repeat(OperatorId.MAX_LENGTH))).isTrue();
        assertThat(OperatorId.isValid("a".repeat(OperatorId.MAX_LENGTH + 1))).isFalse();
        assertThat(OperatorId.isValid("Kdvz")).isFalse();
        assertThat(OperatorId.isValid("kdvz--rhein")).isFalse();
        assertThat(OperatorId.isValid("-kdvz")).isFalse();
        assertThat(OperatorId.isValid("kdvz.rhein")).isFalse();
        assertThat(OperatorId.isValid(null)).isFalse();
    }

    @Test
    void billingPeriodIsOneRule() throws IOException {
        assertThat(definition("Period").path("pattern").asText()).isEqualTo("^" + BillingPeriod.PATTERN + "$");
        assertThat(BillingPeriod.parse("2026-01").month()).isEqualTo(java.time.YearMonth.of(2026, 1));
        assertThat(BillingPeriod.parse("1999-12").toString()).isEqualTo("1999-12");
        for (String wrong : new String[] {"2026-00", "2026-13", "2026-1", "26-01", "2026/01", "2026-01-01", "٢٠٢٦-٠١", ""}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BillingPeriod.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YYYY-MM");
        }
    }
}
