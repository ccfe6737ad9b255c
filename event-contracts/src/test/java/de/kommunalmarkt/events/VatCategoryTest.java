package de.kommunalmarkt.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The VAT rule of docs/DOMAIN.md (section "VAT categories") for every category ×
 * rate × reason, worked out here independently from the table, and the JSON Schema of the plan terms
 * agreeing with it on every case.
 */
class VatCategoryTest {

    private static final String REASON = "Interkommunale Zusammenarbeit, § 2b UStG";
    private static final List<BigDecimal> RATES = List.of(new BigDecimal("-0.01"), BigDecimal.ZERO, new BigDecimal("0.0000"),
            new BigDecimal("0.07"), new BigDecimal("0.19"), new BigDecimal("0.25"), new BigDecimal("0.2501"));
    private static final List<String> REASONS = Arrays.asList(null, "", "  ", REASON);

    /** Every combination: category (the four codes) × rate × reason (absent, empty, blank, given). */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (VatCategory category : VatCategory.values()) {
            for (BigDecimal rate : RATES) {
                for (String reason : REASONS) {
                    cases.add(arguments(category, rate, reason));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} rate {1} reason [{2}]")
    @MethodSource("cases")
    void every_category_rate_and_reason_is_judged_as_the_domain_table_says(VatCategory category, BigDecimal rate, String reason) {
        boolean rateInRange = rate.signum() >= 0 && rate.compareTo(new BigDecimal("0.25")) <= 0;
        boolean rateFits = rateInRange && switch (category) {
            case S -> rate.signum() > 0;
            case Z, E, O -> rate.signum() == 0;
        };
        boolean reasonGiven = reason != null && !reason.isBlank();
        boolean reasonFits = switch (category) {
            case S, Z -> reason == null;
            case E, O -> reasonGiven;
        };

        List<VatCategory.Violation> violations = VatCategory.check(category.name(), rate, reason);

        assertThat(violations.stream().anyMatch(v -> v.field().equals("vatRate"))).as("vatRate judged").isEqualTo(!rateFits);
        assertThat(violations.stream().anyMatch(v -> v.field().equals("vatExemptionReason"))).as("reason judged").isEqualTo(!reasonFits);
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
        assertThat(violations).extracting(VatCategory.Violation::field).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} rate {1} reason [{2}]")
    @MethodSource("cases")
    void the_schema_of_the_plan_terms_accepts_exactly_what_the_rule_accepts(VatCategory category, BigDecimal rate, String reason) {
        // the schema sees what a producer writes: a reason that is not blank, or none
        if (reason != null && reason.isBlank()) {
            return;
        }
        PlanTerms terms = new PlanTerms("11111111-2222-4333-8444-555555555509", "Pauschal", PriceModel.FLAT,
                new BigDecimal("300.00"), null, null, null, null, null, null, null,
                BigDecimal.ZERO, 0, 0, rate, category.name(), reason, "EUR");
        LicenseGranted granted = new LicenseGranted(SampleEvents.LICENSE_ID, SampleEvents.SOLUTION_ID, "Mängelmelder",
                terms.planId(), SampleEvents.OPERATOR, SampleEvents.ULM, SampleEvents.KOELN, terms, Instant.parse("2026-10-20T08:15:31Z"));

        boolean schemaAccepts = EventJson.validate(EventType.LICENSE_GRANTED, EventJson.toTree(granted)).isEmpty();

        assertThat(schemaAccepts).isEqualTo(VatCategory.check(category.name(), rate, reason).isEmpty());
    }

    @Test
    void a_plan_that_is_not_subject_to_vat_is_accepted_with_its_reason_and_refused_without() {
        assertThat(VatCategory.check("O", BigDecimal.ZERO, "Nicht steuerbar")).isEmpty();
        assertThat(VatCategory.check("O", BigDecimal.ZERO, null)).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("vatExemptionReason"))
                .satisfies(v -> assertThat(v.message()).contains("required for VAT category O"));
    }

    @Test
    void an_unknown_or_missing_category_is_reported_on_the_category_alone() {
        for (String code : Arrays.asList(null, "", "s", "AE", "K", "X")) {
            assertThat(VatCategory.check(code, new BigDecimal("0.19"), null)).as(code).singleElement()
                    .satisfies(v -> assertThat(v.field()).isEqualTo("vatCategory"));
        }
    }

    @Test
    void a_missing_rate_is_named() {
        assertThat(VatCategory.check("S", null, null)).extracting(VatCategory.Violation::field).containsExactly("vatRate");
    }

    @Test
    void codes_are_the_four_of_the_contract_schema() {
        assertThat(Arrays.stream(VatCategory.values()).map(Enum::name)).containsExactlyInAnyOrder("S", "Z", "E", "O");
        assertThat(VatCategory.ofCode("E")).contains(VatCategory.E);
        assertThat(VatCategory.ofCode("e")).isEmpty();
        assertThat(VatCategory.S.taxed()).isTrue();
        assertThat(Arrays.stream(VatCategory.values()).filter(VatCategory::needsExemptionReason))
                .containsExactlyInAnyOrder(VatCategory.E, VatCategory.O);
    }
}
