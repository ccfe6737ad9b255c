package de.kommunalmarkt.common.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void escapesWhatCopyTextFormatReservesAndWritesNullsAndAmountsPlainly() {
        CopyText rows = new CopyText("t (a, b, c, d)", 64);
        rows.text("Stadt\tKöln\\Nord\nzwei").plain(null).plain(new BigDecimal("1E+3")).date(LocalDate.of(2026, 2, 1)).endRow();
        assertThat(rows.rowCount()).isEqualTo(1);
        assertThat(rows.toString()).isEqualTo("Stadt\\tKöln\\\\Nord\\nzwei\t\\N\t1000\t2026-02-01\n");
    }

    @Test
    void readsUuidsNumbersDatesAndNullsOfACopiedRow() {
        UUID id = UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479");
        CopyText.Row row = new CopyText.Row((id + "\t42\t05315000\t2026-11-16\t\\N\n").getBytes(StandardCharsets.US_ASCII));
        long[] uuid = row.nextUuid(new long[2]);
        assertThat(new UUID(uuid[0], uuid[1])).isEqualTo(id);
        assertThat(row.nextLong()).isEqualTo(42);
        assertThat(row.nextLong()).isEqualTo(5_315_000); // an AGS, read as RunInputs reads it
        assertThat(row.nextEpochDay(-1)).isEqualTo(LocalDate.of(2026, 11, 16).toEpochDay());
        assertThat(row.nextEpochDay(-1)).isEqualTo(-1);
    }
}
