package de.kommunalmarkt.common.jdbc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes),
 * written with one {@code COPY ... FROM STDIN}: the cheapest way to insert many rows.
 */
public final class CopyText {

    private final String table;
    private final StringBuilder rows;
    private boolean rowStarted;
    private int count;

    /** @param table the table and its column list, e.g. {@code invoice (id, number)} */
    public CopyText(String table, int expectedBytes) {
        this.table = table;
        this.rows = new StringBuilder(expectedBytes);
    }

    public CopyText text(String value) {
        separate();
        if (value == null) {
            rows.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(ch);
            }
        }
        return this;
    }

    /** A value whose text never needs escaping (numbers, UUIDs, dates, codes). */
    public CopyText plain(Object value) {
        separate();
        if (value == null) {
            rows.append("\\N");
        } else if (value instanceof BigDecimal amount) {
            rows.append(amount.toPlainString());
        } else {
            rows.append(value);
        }
        return this;
    }

    public CopyText number(long value) {
        separate();
        rows.append(value);
        return this;
    }

    public CopyText date(LocalDate date) {
        return plain(date);
    }

    public CopyText endRow() {
        rows.append('\n');
        rowStarted = false;
        count++;
        return this;
    }

    public int rowCount() {
        return count;
    }

    /** Sends the rows in the connection's current transaction; returns how many PostgreSQL took. */
    public long copyInto(Connection connection) throws SQLException {
        if (count == 0) {
            return 0;
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN");
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The rows as they would be sent. */
    @Override
    public String toString() {
        return rows.toString();
    }

    private void separate() {
        if (rowStarted) {
            rows.append('\t');
        }
        rowStarted = true;
    }

    /** Reads the text of a COPY TO STDOUT row field by field. */
    public static final class Row {
        private final byte[] bytes;
        private int position;

        public Row(byte[] bytes) {
            this.bytes = bytes;
        }

        public long nextLong() {
            long value = 0;
            while (bytes[position] != '\t' && bytes[position] != '\n') {
                value = value * 10 + (bytes[position++] - '0');
            }
            position++;
            return value;
        }

        /** A {@code uuid} field as its two halves. */
        public long[] nextUuid(long[] into) {
            long msb = 0;
            long lsb = 0;
            int digits = 0;
            while (bytes[position] != '\t' && bytes[position] != '\n') {
                byte b = bytes[position++];
                if (b == '-') {
                    continue;
                }
                int nibble = Character.digit(b, 16);
                if (digits < 16) {
                    msb = (msb << 4) | nibble;
                } else {
                    lsb = (lsb << 4) | nibble;
                }
                digits++;
            }
            position++;
            into[0] = msb;
            into[1] = lsb;
            return into;
        }

        /** A {@code date} field as its epoch day, or {@code ifNull} for {@code \N}. */
        public int nextEpochDay(int ifNull) {
            if (bytes[position] == '\\') {
                position += 3;
                return ifNull;
            }
            int year = digits(4);
            position++;
            int month = digits(2);
            position++;
            int day = digits(2);
            position++;
            return (int) LocalDate.of(year, month, day).toEpochDay();
        }

        private int digits(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                value = value * 10 + (bytes[position++] - '0');
            }
            return value;
        }
    }
}
