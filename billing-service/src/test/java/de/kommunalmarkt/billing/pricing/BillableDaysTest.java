package de.kommunalmarkt.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.events.BillingPeriod;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillableDaysTest {

    private static final BillingPeriod NOVEMBER_2026 = BillingPeriod.parse("2026-11");

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    private static int billableDays(BillingPeriod period, LicenseTimeline timeline) {
        BillableDays days = BillableDays.of(period, timeline);
        assertThat(days.periodDays()).isEqualTo(period.days());
        return days.days();
    }

    @Test
    void aLicenceActiveBeforeThePeriodIsBillableTheWholeMonth() {
        BillableDays days = BillableDays.of(NOVEMBER_2026, LicenseTimeline.activeFrom(day("2026-03-15")));
        assertThat(days).isEqualTo(new BillableDays(30, 30));
    }

    @Test
    void activationOnTheFirstBillsTheWholeMonth() {
        assertThat(billableDays(NOVEMBER_2026, LicenseTimeline.activeFrom(day("2026-11-01")))).isEqualTo(30);
    }

    @Test
    void activationOnTheLastDayBillsOneDay() {
        assertThat(billableDays(NOVEMBER_2026, LicenseTimeline.activeFrom(day("2026-11-30")))).isEqualTo(1);
    }

    @Test
    void activationMidMonthCountsTheActivationDay() {
        assertThat(billableDays(NOVEMBER_2026, LicenseTimeline.activeFrom(day("2026-11-16")))).isEqualTo(15);
        assertThat(billableDays(NOVEMBER_2026, LicenseTimeline.activeFrom(day("2026-11-11")))).isEqualTo(20);
    }

    @Test
    void activationAfterThePeriodBillsNothing() {
        BillableDays days = BillableDays.of(NOVEMBER_2026, LicenseTimeline.activeFrom(day("2026-12-01")));
        assertThat(days.days()).isZero();
        assertThat(days.isZero()).isTrue();
    }

    @Test
    void endsOnBeforeThePeriodBillsNothing() {
        LicenseTimeline terminated = LicenseTimeline.activeFrom(day("2026-01-01")).endingOn(day("2026-10-31"));
        assertThat(billableDays(NOVEMBER_2026, terminated)).isZero();
    }

    @Test
    void endsOnIsTheLastBillableDay() {
        LicenseTimeline endsMidMonth = LicenseTimeline.activeFrom(day("2026-01-01")).endingOn(day("2026-11-10"));
        assertThat(billableDays(NOVEMBER_2026, endsMidMonth)).isEqualTo(10);
    }

    @Test
    void terminationAtTheEndOfThePeriodBillsTheWholeMonthAndNothingAfter() {
        LicenseTimeline terminated = LicenseTimeline.activeFrom(day("2026-01-01")).endingOn(day("2026-11-30"));
        assertThat(billableDays(NOVEMBER_2026, terminated)).isEqualTo(30);
        assertThat(billableDays(BillingPeriod.parse("2026-12"), terminated)).isZero();
    }

    @Test
    void activationAndEndInTheSameMonthBillBothEnds() {
        LicenseTimeline shortLived = LicenseTimeline.activeFrom(day("2026-11-05")).endingOn(day("2026-11-20"));
        assertThat(billableDays(NOVEMBER_2026, shortLived)).isEqualTo(16);
    }

    @Test
    void endsOnBeforeActivationBillsNothing() {
        LicenseTimeline never = LicenseTimeline.activeFrom(day("2026-11-01")).endingOn(day("2026-10-31"));
        assertThat(billableDays(NOVEMBER_2026, never)).isZero();
    }

    @Test
    void februaryOfACommonYearHas28BillableDays() {
        BillingPeriod february = BillingPeriod.parse("2027-02");
        assertThat(billableDays(february, LicenseTimeline.activeFrom(day("2027-01-01")))).isEqualTo(28);
        assertThat(billableDays(february, LicenseTimeline.activeFrom(day("2027-02-28")))).isEqualTo(1);
    }

    @Test
    void februaryOfALeapYearHas29BillableDays() {
        BillingPeriod february = BillingPeriod.parse("2028-02");
        assertThat(billableDays(february, LicenseTimeline.activeFrom(day("2028-01-01")))).isEqualTo(29);
        assertThat(billableDays(february, LicenseTimeline.activeFrom(day("2028-02-29")))).isEqualTo(1);
        assertThat(billableDays(february, LicenseTimeline.activeFrom(day("2028-02-15")))).isEqualTo(15);
    }

    @Test
    void aSuspensionInsideTheMonthRemovesItsDays() {
        LicenseTimeline timeline = LicenseTimeline.activeFrom(day("2026-01-01"))
                .suspended(day("2026-11-10"), day("2026-11-15"));
        assertThat(billableDays(NOVEMBER_2026, timeline)).isEqualTo(25);
    }

    @Test
    void theResumptionDayIsBillable() {
        LicenseTimeline oneDayOff = LicenseTimeline.activeFrom(day("2026-01-01"))
                .suspended(day("2026-11-10"), day("2026-11-11"));
        assertThat(billableDays(NOVEMBER_2026, oneDayOff)).isEqualTo(29);
        LicenseTimeline resumedOnTheFirst = LicenseTimeline.activeFrom(day("2026-01-01"))
                .suspended(day("2026-10-20"), day("2026-11-01"));
        assertThat(billableDays(NOVEMBER_2026, resumedOnTheFirst)).isEqualTo(30);
    }

    @Test
    void aSuspensionResumedOnTheSameDayRemovesNothing() {
        LicenseTimeline timeline = LicenseTimeline.activeFrom(day("2026-01-01"))
                .suspended(day("2026-11-10"), day("2026-11-10"));
        assertThat(billableDays(NOVEMBER_2026, timeline)).isEqualTo(30);
    }

    @Test
    void aSuspensionSpanningPeriodsRemovesItsDaysFromEachPeriod() {
        LicenseTimeline timeline = LicenseTimeline.activeFrom(day("2026-01-01"))
                .suspended(day("2026-10-21"), day("2026-12-06"));
        assertThat(billableDays(BillingPeriod.parse("2026-10"), timeline)).isEqualTo(20);
        assertThat(billableDays(NOVEMBER_2026, timeline)).isZero();
        assertThat(billableDays(BillingPeriod.parse("2026-12"), timeline)).isEqualTo(26);
    }

    @Test
    void aSuspensionNotYetResumedRemovesTheRestOfThePeriod() {
        LicenseTimeline timeline = LicenseTimeline.activeFrom(day("2026-01-01")).suspended(day("2026-11-21"), null);
        assertThat(billableDays(NOVEMBER_2026, timeline)).isEqualTo(20);
        assertThat(billableDays(BillingPeriod.parse("2026-12"), timeline)).isZero();
    }

    @Test
    void severalSuspensionsAddUpAndOverlapsCountOnce() {
        LicenseTimeline timeline = new LicenseTimeline(day("2026-01-01"), null, List.of(
                new Suspension(day("2026-11-01"), day("2026-11-06")),
                new Suspension(day("2026-11-04"), day("2026-11-08")),
                new Suspension(day("2026-11-20"), day("2026-11-21"))));
        assertThat(billableDays(NOVEMBER_2026, timeline)).isEqualTo(30 - 7 - 1);
    }

    @Test
    void suspensionsOutsideTheActiveDaysChangeNothing() {
        LicenseTimeline timeline = new LicenseTimeline(day("2026-11-11"), day("2026-11-20"), List.of(
                new Suspension(day("2026-11-01"), day("2026-11-12")),
                new Suspension(day("2026-11-25"), null)));
        assertThat(billableDays(NOVEMBER_2026, timeline)).isEqualTo(9);
    }

    @Test
    void activationSuspensionAndTerminationTogether() {
        LicenseTimeline timeline = LicenseTimeline.activeFrom(day("2028-02-10"))
                .suspended(day("2028-02-20"), day("2028-02-25"))
                .endingOn(day("2028-02-29"));
        assertThat(billableDays(BillingPeriod.parse("2028-02"), timeline)).isEqualTo(20 - 5);
    }

    @Test
    void refusesAResumptionBeforeTheSuspension() {
        assertThatThrownBy(() -> new Suspension(day("2026-11-10"), day("2026-11-09")))
                .hasMessageContaining("before suspendedOn");
    }

    @Test
    void refusesDaysOutsideTheMonth() {
        assertThatThrownBy(() -> new BillableDays(31, 30)).hasMessageContaining("[0, 30]");
        assertThatThrownBy(() -> new BillableDays(-1, 30)).hasMessageContaining("[0, 30]");
        assertThatThrownBy(() -> new BillableDays(1, 27)).hasMessageContaining("28 to 31");
    }

    @Test
    void refusesATimelineWithoutActivation() {
        assertThatThrownBy(() -> LicenseTimeline.activeFrom(null)).hasMessageContaining("activatedOn");
    }
}
