package de.kommunalmarkt.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.web.api.ApiProblem;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provider pages' form reading: German numbers, percentages, repeated rows, field messages. */
class ProviderFormsTest {

    @Test
    void amountsAreReadAsGermansTypeThem() {
        assertThat(ProviderSolutionsPage.Input.number("120.000")).isEqualByComparingTo("120000");
        assertThat(ProviderSolutionsPage.Input.number("1.234,50")).isEqualByComparingTo("1234.50");
        assertThat(ProviderSolutionsPage.Input.number("1.234.567")).isEqualByComparingTo("1234567");
        assertThat(ProviderSolutionsPage.Input.number("12,5")).isEqualByComparingTo("12.5");
        assertThat(ProviderSolutionsPage.Input.number("12.50")).isEqualByComparingTo("12.50");
        assertThat(ProviderSolutionsPage.Input.number("300 €")).isEqualByComparingTo("300");
        assertThat(ProviderSolutionsPage.Input.number("  ")).isNull();
    }

    @Test
    void aValueThatIsNoNumberIsAMessageAtItsField() {
        ProviderSolutionsPage.Input in = new ProviderSolutionsPage.Input();

        assertThat(in.amount("monthlyFee", "zwölf")).isNull();
        assertThat(in.whole("minimumTermMonths", "1,5")).isNull();
        assertThat(in.amount("setupFee", "0")).isEqualByComparingTo("0");

        ApiProblem problem = in.problem();
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.violations()).extracting(ApiProblem.Violation::field)
                .containsExactly("monthlyFee", "minimumTermMonths");
        assertThat(new ProviderSolutionsPage.Input().problem()).isNull();
    }

    @Test
    void percentagesBecomeTheSharesTheApisTake() {
        ProviderSolutionsPage.Input in = new ProviderSolutionsPage.Input();

        assertThat(in.percent("vatRate", "19")).isEqualByComparingTo("0.19");
        assertThat(in.percent("vatRate", "7,5 %")).isEqualByComparingTo("0.075");
        assertThat(in.percent("vatRate", "0")).isEqualByComparingTo("0");
        assertThat(in.percent("vatRate", "")).isNull();
        assertThat(in.problem()).isNull();
    }

    @Test
    void wholeNumbersMayHaveGermanThousandsSeparators() {
        ProviderSolutionsPage.Input in = new ProviderSolutionsPage.Input();

        assertThat(in.count("inhabitants", "10.000")).isEqualTo(10000L);
        assertThat(in.whole("noticePeriodDays", "90")).isEqualTo(90);
    }

    @Test
    void germanDatesAreSentInIsoForm() {
        assertThat(ProviderSolutionsPage.Input.isoDate("1.2.2027")).isEqualTo("2027-02-01");
        assertThat(ProviderSolutionsPage.Input.isoDate("2027-02-01")).isEqualTo("2027-02-01");
        assertThat(ProviderSolutionsPage.Input.isoDate("morgen")).isEqualTo("morgen");
        assertThat(ProviderSolutionsPage.Input.isoDate(" ")).isNull();
    }

    @Test
    void blankRowsAreLeftOutAndTheOthersNumberedAsSent() {
        ProviderSolutionsPage.SolutionFields fields = new ProviderSolutionsPage.SolutionFields();
        fields.refMunicipality = List.of("Köln", "", "Bonn");
        fields.refAgs = List.of("05315000", "", "");
        fields.refOperator = List.of("Eigenbetrieb", "", "ITK Rheinland");
        fields.refHostingMode = List.of("ON_PREMISES", "", "CLOUD");
        fields.standards = "OParl, DCAT-AP.de;; xRepository";
        fields.supportResponseHours = "24";

        List<ProviderSolutionsPage.Environment> rows = fields.environments();
        assertThat(rows).extracting(ProviderSolutionsPage.Environment::municipality).containsExactly("Köln", "Bonn");
        assertThat(rows.get(1).field("operator")).isEqualTo("referenceEnvironments[1].operator");
        // the form shows them again with blank rows to add more
        assertThat(fields.form().environments()).hasSize(3);

        Map<String, Object> body = fields.body(new ProviderSolutionsPage.Input());
        assertThat((List<?>) body.get("referenceEnvironments")).hasSize(2);
        assertThat(body.get("standards")).isEqualTo(List.of("OParl", "DCAT-AP.de", "xRepository"));
        assertThat(body.get("hostingModes")).isEqualTo(List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> quality = (Map<String, Object>) body.get("qualityProfile");
        assertThat(quality.get("supportResponseHours")).isEqualTo(24);
        assertThat(quality.get("noUserInterface")).isEqualTo(false);
    }

    @Test
    void aPlanSendsOnlyTheFieldsOfItsModel() {
        ProviderSolutionsPage.PlanFields fields = new ProviderSolutionsPage.PlanFields();
        fields.name = "Staffel";
        fields.model = "TIERED";
        fields.monthlyFee = "99";
        fields.tierUpTo = List.of("10.000", "", "");
        fields.tierFee = List.of("100", "250,50", "");
        fields.vatCategory = "S";
        fields.vatRate = "19";

        Map<String, Object> body = fields.body(new ProviderSolutionsPage.Input());

        assertThat(body).doesNotContainKey("monthlyFee").containsEntry("model", "TIERED").containsEntry("currency", "EUR");
        assertThat((List<?>) body.get("tiers")).hasSize(2);
        assertThat(body.get("tiers").toString()).contains("upTo=10000").contains("monthlyFee=250.50").contains("upTo=null");
        assertThat((BigDecimal) body.get("vatRate")).isEqualByComparingTo("0.19");
    }

    @Test
    void fieldMessagesMatchExactlyAndOnlyForTheirForm() {
        ApiProblem problem = new ApiProblem(400, "Invalid", null, List.of(
                new ApiProblem.Violation("tiers[0].monthlyFee", "must not be negative"),
                new ApiProblem.Violation("referenceEnvironments[1].ags", "must be an AGS")));
        ProviderSolutionsPage.Errors errors = new ProviderSolutionsPage.Errors("tarif", problem);

        assertThat(errors.at("tarif", "monthlyFee")).isNull();
        assertThat(errors.at("tarif", "tiers[0].monthlyFee")).isEqualTo("must not be negative");
        assertThat(errors.at("loesung", "tiers[0].monthlyFee")).isNull();
        assertThat(errors.under("tarif", "referenceEnvironments")).isTrue();
        assertThat(errors.under("tarif", "reference")).isFalse();
        assertThat(ProviderSolutionsPage.Errors.NONE.of("tarif")).isFalse();
    }

    @Test
    void theChecklistMarksTheCriteriaThePublishRefusalNamed() {
        Map<String, Object> solution = Map.of("readiness", Map.of("criteria", List.of(
                Map.of("criterion", "DOCUMENTATION_LINK", "level", "MUST", "requirement", "documentation link present",
                        "met", false, "hint", "Add a link"),
                Map.of("criterion", "OPEN_STANDARD", "level", "SHOULD", "requirement", "open standard", "met", true),
                Map.of("criterion", "SOMETHING_NEW", "level", "MUST", "requirement", "a new rule", "met", false,
                        "hint", "Do the new thing"))));

        List<ProviderSolutionsPage.Criterion> items = ProviderSolutionsPage.checklist(solution, Set.of("documentationUrl"));

        assertThat(items).extracting(ProviderSolutionsPage.Criterion::blocking).containsExactly(true, false, false);
        assertThat(items.get(0).requirement()).isEqualTo("Link zur Dokumentation angegeben");
        assertThat(items.get(0).anchor()).isEqualTo("documentationUrl");
        assertThat(items.get(1).hint()).isNull();
        // a criterion the page does not know yet is shown in the API's words
        assertThat(items.get(2).requirement()).isEqualTo("a new rule");
        assertThat(items.get(2).hint()).isEqualTo("Do the new thing");
    }

    @Test
    void monthsAreReadInIsoAndGermanForm() {
        List<ApiProblem.Violation> violations = new ArrayList<>();
        YearMonth fallback = YearMonth.of(2026, 11);

        assertThat(RevenuePage.month("von", "2026-01", fallback, violations)).isEqualTo(YearMonth.of(2026, 1));
        assertThat(RevenuePage.month("von", "3.2026", fallback, violations)).isEqualTo(YearMonth.of(2026, 3));
        assertThat(RevenuePage.month("von", "", fallback, violations)).isEqualTo(fallback);
        assertThat(violations).isEmpty();
        assertThat(RevenuePage.month("bis", "13.2026", fallback, violations)).isEqualTo(fallback);
        assertThat(violations).extracting(ApiProblem.Violation::field).containsExactly("bis");
    }
}
