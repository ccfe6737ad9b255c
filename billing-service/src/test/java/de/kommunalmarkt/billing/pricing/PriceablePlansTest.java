package de.kommunalmarkt.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import de.kommunalmarkt.billing.Plans;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.Tier;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract between catalog and billing (docs/DOMAIN.md, section "VAT categories": "a plan the catalog
 * accepted is therefore always billable"): every plan shape of every model under every VAT category, with the VAT terms the shared
 * rule ({@link VatCategory}) accepts — the rule the catalog refuses plans by — becomes contract terms
 * and is priced for a month. And billing refuses exactly what the rule refuses. The catalog's side
 * (it accepts exactly what the rule accepts) is catalog-service's {@code PlanRulesTest}.
 */
class PriceablePlansTest {

    private static final BillingPeriod NOVEMBER = BillingPeriod.of(2026, 11);
    private static final long INHABITANTS = 128_000;

    /** A model's shapes as a provider enters them in the catalog (optional parameters with and without). */
    static List<PlanTerms> shapes() {
        return List.of(
                Plans.free("0.00"),
                Plans.withSetupFee(Plans.free("0.00"), "250.00"),
                Plans.flat("300.00"),
                Plans.withSetupFee(Plans.flat("310.00"), "100.00"),
                Plans.perInhabitant("12.50", null, null),
                Plans.perInhabitant("12.50", "50.00", "2000.00"),
                Plans.tiered(List.of(new Tier(null, new BigDecimal("99.00")))),
                Plans.tiered(List.of(new Tier(20_000L, new BigDecimal("100.00")), new Tier(null, new BigDecimal("600.00")))),
                Plans.costSharing("10000.00", CostSharingKey.INHABITANTS, null),
                Plans.costSharing("1200.00", CostSharingKey.EQUAL, null),
                Plans.costSharing("4800.00", CostSharingKey.MIXED, "0.7"));
    }

    /** The VAT terms the rule accepts, one or more per category. */
    static List<Vat> acceptedVat() {
        return List.of(
                new Vat("0.19", "S", null),
                new Vat("0.07", "S", null),
                new Vat("0.25", "S", null),
                new Vat("0", "Z", null),
                new Vat("0", "E", "Interkommunale Zusammenarbeit, § 2b UStG"),
                new Vat("0.0000", "O", "Nicht steuerbar"));
    }

    record Vat(String rate, String category, String reason) {
    }

    static Stream<Arguments> acceptedPlans() {
        List<Arguments> cases = new ArrayList<>();
        for (PlanTerms shape : shapes()) {
            for (Vat vat : acceptedVat()) {
                cases.add(arguments(shape.model() + " " + shape.name() + " " + vat, Plans.withVat(shape, vat.rate(), vat.category(), vat.reason())));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedPlans")
    void every_plan_the_rule_accepts_is_priced_with_its_vat_terms(String name, PlanTerms plan) {
        assertThat(VatCategory.check(plan.vatCategory(), plan.vatRate(), plan.vatExemptionReason())).as("the shared rule").isEmpty();

        ContractTerms terms = ContractTerms.frozen(plan);
        LicenseTimeline wholeMonth = LicenseTimeline.activeFrom(NOVEMBER.firstDay());
        BillableLicense licence = terms.price() instanceof PriceTerms.CostSharing costSharing
                ? BillableLicense.costSharing("l-1", terms, INHABITANTS, wholeMonth, CostSharingAllocation.allocate(costSharing, NOVEMBER,
                        List.of(new CostSharingAllocation.Candidate("l-1", "08421000", INHABITANTS, BillableDays.of(NOVEMBER, wholeMonth))))
                        .shareOf("l-1"))
                : BillableLicense.priced("l-1", terms, INHABITANTS, wholeMonth);

        var draft = new InvoiceCalculator().calculate(NOVEMBER, List.of(licence));

        VatCategory category = VatCategory.valueOf(plan.vatCategory());
        boolean somethingToBill = plan.model() != de.kommunalmarkt.events.PriceModel.FREE || plan.setupFee().signum() > 0;
        assertThat(draft.isPresent()).isEqualTo(somethingToBill);
        draft.ifPresent(invoice -> {
            assertThat(invoice.lines()).allSatisfy(line -> {
                assertThat(line.vatCategory()).isEqualTo(category);
                assertThat(line.vatExemptionReason()).isEqualTo(plan.vatExemptionReason());
            });
            assertThat(invoice.vatGroups()).singleElement().satisfies(group -> {
                assertThat(group.category()).isEqualTo(category);
                assertThat(group.exemptionReason()).isEqualTo(plan.vatExemptionReason());
                assertThat(group.vat()).isEqualByComparingTo(Money.roundToCent(plan.vatRate().multiply(group.net())));
            });
            assertThat(invoice.gross()).isEqualByComparingTo(invoice.net().add(invoice.vat()));
            if (!category.taxed()) {
                assertThat(invoice.vat()).isEqualByComparingTo("0");
            }
        });
    }

    static Stream<Arguments> vatTerms() {
        List<Arguments> cases = new ArrayList<>();
        for (String category : Arrays.asList("S", "Z", "E", "O", "X", null)) {
            for (String rate : List.of("0", "0.07", "0.19", "0.26")) {
                for (String reason : Arrays.asList(null, "", "Nicht steuerbar")) {
                    cases.add(arguments(category, rate, reason));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} rate {1} reason [{2}]")
    @MethodSource("vatTerms")
    void billing_refuses_exactly_the_vat_terms_the_rule_refuses(String category, String rate, String reason) {
        PlanTerms plan = Plans.withVat(Plans.flat("300.00"), rate, category, reason);
        List<VatCategory.Violation> violations = VatCategory.check(category, new BigDecimal(rate), reason);

        if (violations.isEmpty()) {
            assertThat(ContractTerms.frozen(plan).vatCategory().name()).isEqualTo(category);
        } else {
            assertThatThrownBy(() -> ContractTerms.frozen(plan)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(violations.get(0).field());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedPlans")
    void a_licence_ending_in_the_month_is_priced_pro_rata_under_any_vat_category(String name, PlanTerms plan) {
        ContractTerms terms = ContractTerms.frozen(plan);
        if (!(terms.price() instanceof PriceTerms.ProRataPrice price)) {
            return;
        }
        LicenseTimeline firstHalf = LicenseTimeline.activeFrom(LocalDate.of(2026, 10, 1)).endingOn(LocalDate.of(2026, 11, 15));

        var draft = new InvoiceCalculator().calculate(NOVEMBER, List.of(BillableLicense.priced("l-1", terms, INHABITANTS, firstHalf)));

        BigDecimal expected = Money.proRataToCent(price.fullMonthAmount(INHABITANTS), 15, 30);
        assertThat(draft.map(InvoiceDraft::net).orElse(Money.zero())).isEqualByComparingTo(expected);
    }
}
