package de.kommunalmarkt.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the parser reads from camt.053 entries, and what it refuses, without a running service. */
class Camt053StatementTest {

    static Camt053Statement parse(String xml) {
        return Camt053Statement.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsReferenceAmountDirectionDateDebtorAndEveryRemittanceText() {
        Camt053Statement statement = parse(Camt053ImportTest.camt053v02(List.of(
                Camt053ImportTest.entry("REF-1", "238.00", "CRDT", "RE KM-2026-000042 und KM-2026-000042, Kassenzeichen"),
                Camt053ImportTest.entry("REF-2", "12.5", "DBIT", "Gebühr"))));
        assertThat(statement.accountIban()).isEqualTo(Camt053ImportTest.ACCOUNT);
        assertThat(statement.entries()).hasSize(2);
        Camt053Statement.Entry credit = statement.entries().get(0);
        assertThat(credit.reference()).isEqualTo("REF-1");
        assertThat(credit.amount()).isEqualByComparingTo("238.00");
        assertThat(credit.currency()).isEqualTo("EUR");
        assertThat(credit.credit()).isTrue();
        assertThat(credit.booked()).isTrue();
        assertThat(credit.reversal()).isFalse();
        assertThat(credit.bookedOn()).isEqualTo(LocalDate.parse("2024-04-15"));
        assertThat(credit.debtorName()).isEqualTo("Stadtkasse");
        assertThat(credit.invoiceNumbers()).containsExactly("KM-2026-000042");
        assertThat(statement.entries().get(1).credit()).isFalse();
    }

    @Test
    void refusesWhatCannotBeBookedSafely() {
        assertThatThrownBy(() -> parse(Camt053ImportTest.camt053v02(List.of(
                Camt053ImportTest.entry("REF-1", "1.001", "CRDT", "x")))))
                .hasMessageContaining("at most 2 decimals");
        assertThatThrownBy(() -> parse(Camt053ImportTest.camt053v02(List.of(
                Camt053ImportTest.entry("REF-1", "1.00", "CRDT", "x").replace(" Ccy=\"EUR\"", "")))))
                .hasMessageContaining("currency");
        assertThatThrownBy(() -> parse(Camt053ImportTest.camt053v02(List.of(
                Camt053ImportTest.entry("R".repeat(141), "1.00", "CRDT", "x")))))
                .hasMessageContaining("140");
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><!DOCTYPE d SYSTEM \"http://example.org/d.dtd\">"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"/>"))
                .isInstanceOf(Camt053Statement.UnreadableStatementException.class).hasMessageContaining("DTD");
        assertThatThrownBy(() -> parse("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"/>"))
                .hasMessageContaining("BkToCstmrStmt");
    }
}
