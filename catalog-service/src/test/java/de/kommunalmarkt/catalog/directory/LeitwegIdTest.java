package de.kommunalmarkt.catalog.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeitwegIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"04011000-1234512345-06", "05315000-KM001-20", "991-33333TEST-33"})
    void validIdsFromTheSpecificationPass(String id) {
        assertThat(LeitwegId.problem(id)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"05315000-KM001-21", "04011000-1234512345-07", "1-KM001-20", "05315000--20", "05315000-KM001-2",
            "05315000-KM_01-20", "", "0531500012345-KM001-20", "05315000-ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE-20"})
    void wrongCheckDigitsAndFormatsFail(String id) {
        assertThat(LeitwegId.problem(id)).isNotNull();
    }
}
