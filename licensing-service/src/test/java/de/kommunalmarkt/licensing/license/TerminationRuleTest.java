package de.kommunalmarkt.licensing.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminationRuleTest {

    @ParameterizedTest(name = "notice on {0} ({1} days), active since {2}, minimum {3} months → earliest {4}")
    @CsvSource({
            // notice period decides: 2026-11-28 + 90 days = 2027-02-26 → month end
            "2026-11-28, 90, 2026-01-01, 0, 2027-02-28",
            // minimum term decides: 2026-11-16 + 12 months − 1 day = 2027-11-15 → month end
            "2026-11-28, 90, 2026-11-16, 12, 2027-11-30",
            // the bound falls exactly on a month end: that day itself
            "2027-01-01, 30, 2026-01-01, 0, 2027-01-31",
            "2026-11-28, 0, 2026-02-01, 12, 2027-01-31",
            // February in a common year and in the leap year 2028
            "2027-01-31, 28, 2026-01-01, 0, 2027-02-28",
            "2028-01-31, 28, 2026-01-01, 0, 2028-02-29",
            "2028-02-01, 28, 2026-01-01, 0, 2028-02-29",
            // a minimum term ending in February: 2028-01-31 + 1 month = 2028-02-29, − 1 day = 2028-02-28 → 2028-02-29
            "2028-01-05, 0, 2028-01-31, 1, 2028-02-29",
            "2027-01-05, 0, 2027-01-31, 1, 2027-02-28",
            // activated on the 1st: minimum term ends on the last day of a month
            "2026-12-01, 0, 2026-12-01, 3, 2027-02-28",
            // no notice, no minimum term: the end of the current month
            "2026-11-28, 0, 2026-11-28, 0, 2026-11-30",
            // notice across the year end
            "2026-12-15, 365, 2026-01-01, 0, 2027-12-31"
    })
    void theEarliestEndIsTheFirstMonthEndOnOrAfterTheLaterBound(LocalDate noticeOn, int noticeDays, LocalDate activatedOn,
            int minimumTermMonths, LocalDate earliest) {
        assertThat(TerminationRule.earliestEndsOn(noticeOn, noticeDays, activatedOn, minimumTermMonths)).isEqualTo(earliest);
        assertThat(TerminationRule.isMonthEnd(earliest)).isTrue();
        assertThat(TerminationRule.allows(earliest, earliest)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"2027-01-31, true", "2027-02-28, true", "2028-02-28, false", "2028-02-29, true", "2027-04-30, true",
            "2027-04-29, false", "2027-12-31, true", "2027-12-01, false"})
    void monthEndsIncludeFebruaryOfCommonAndLeapYears(LocalDate date, boolean monthEnd) {
        assertThat(TerminationRule.isMonthEnd(date)).isEqualTo(monthEnd);
    }

    @Test
    void anEndBeforeTheEarliestOrNotAtAMonthEndIsRefusedAndALaterMonthEndAllowed() {
        LocalDate earliest = LocalDate.of(2027, 11, 30);
        assertThat(TerminationRule.allows(LocalDate.of(2027, 10, 31), earliest)).isFalse();
        assertThat(TerminationRule.allows(LocalDate.of(2027, 12, 15), earliest)).isFalse();
        assertThat(TerminationRule.allows(LocalDate.of(2027, 12, 31), earliest)).isTrue();
        assertThat(TerminationRule.allows(LocalDate.of(2028, 2, 29), earliest)).isTrue();
    }
}
