package de.kommunalmarkt.catalog.solution;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.catalog.solution.ReadinessGate.Criterion;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.PriceModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadinessGateTest {

    /** A solution that meets every criterion, MUST and SHOULD. */
    static Solution ready() {
        Solution s = new Solution();
        s.id = UUID.randomUUID();
        s.documentationUrl = "https://docs.example/parken";
        s.sourceLicense = "EUPL-1.2";
        s.dataProtectionStatementUrl = "https://docs.example/datenschutz";
        s.securityConceptUrl = "https://docs.example/sicherheit";
        s.accessibilityStatementUrl = "https://docs.example/barrierefreiheit";
        s.referenceEnvironments = new ArrayList<>(List.of(
                new Installation("Köln", "05315000", "Stadt Köln", HostingMode.ON_PREMISES),
                new Installation("Bonn", null, "ITK Rheinland", HostingMode.CLOUD)));
        s.supportedOperatorTypes = new ArrayList<>(List.of("REGIONAL_IT_PROVIDER"));
        Plan plan = new Plan();
        plan.model = PriceModel.FREE;
        s.plans = new ArrayList<>(List.of(plan));
        s.maturity = Maturity.PRODUCTION;
        s.standards = new ArrayList<>(List.of("OGC SensorThings API"));
        s.supportContact = "support@example.org";
        s.supportResponseHours = 24;
        return s;
    }

    static ReadinessGate.Check check(Solution s, Criterion criterion) {
        return ReadinessGate.evaluate(s).checks().stream().filter(c -> c.criterion() == criterion).findFirst().orElseThrow();
    }

    static List<Criterion> unmetMust(Solution s) {
        return ReadinessGate.evaluate(s).unmetMust().stream().map(ReadinessGate.Check::criterion).toList();
    }

    @Test
    void aSolutionMeetingEveryCriterionIsPublishableWithScore1() {
        ReadinessGate.Result result = ReadinessGate.evaluate(ready());
        assertThat(result.publishable()).isTrue();
        assertThat(result.met()).isEqualTo(12);
        assertThat(result.total()).isEqualTo(12);
        assertThat(result.score()).isEqualByComparingTo("1.00");
        assertThat(result.checks()).allSatisfy(c -> assertThat(c.hint()).isNull());
    }

    @Test
    void theCriteriaAreDomainMdsTableWithOperatorTypesAndPlansAsTwo() {
        assertThat(Criterion.values()).filteredOn(c -> c.level() == ReadinessGate.Level.MUST).hasSize(9);
        assertThat(Criterion.values()).filteredOn(c -> c.level() == ReadinessGate.Level.SHOULD)
                .containsExactly(Criterion.OSI_OR_EUPL_LICENSE, Criterion.OPEN_STANDARD, Criterion.SUPPORT);
    }

    @Test
    void documentationLinkIsAMust() {
        Solution s = ready();
        s.documentationUrl = null;
        assertThat(unmetMust(s)).containsExactly(Criterion.DOCUMENTATION_LINK);
        assertThat(check(s, Criterion.DOCUMENTATION_LINK).hint()).contains("documentationUrl");
    }

    @Test
    void sourceLicenceIsAMustAndWithoutOneTheOsiShouldFailsToo() {
        Solution s = ready();
        s.sourceLicense = null;
        assertThat(unmetMust(s)).containsExactly(Criterion.SOURCE_LICENSE);
        assertThat(check(s, Criterion.SOURCE_LICENSE).hint()).contains("SPDX id (sourceLicense)");
        assertThat(check(s, Criterion.OSI_OR_EUPL_LICENSE).met()).isFalse();
    }

    @Test
    void dataProtectionStatementIsAMust() {
        Solution s = ready();
        s.dataProtectionStatementUrl = null;
        assertThat(unmetMust(s)).containsExactly(Criterion.DATA_PROTECTION_STATEMENT);
        assertThat(check(s, Criterion.DATA_PROTECTION_STATEMENT).hint())
                .contains("DSGVO").contains("qualityProfile.dataProtectionStatementUrl");
    }

    @Test
    void securityConceptIsAMust() {
        Solution s = ready();
        s.securityConceptUrl = null;
        assertThat(unmetMust(s)).containsExactly(Criterion.IT_SECURITY_CONCEPT);
        assertThat(check(s, Criterion.IT_SECURITY_CONCEPT).hint()).contains("qualityProfile.securityConceptUrl");
    }

    @Test
    void accessibilityIsAMustUnlessThereIsNoUserInterface() {
        Solution s = ready();
        s.accessibilityStatementUrl = null;
        assertThat(unmetMust(s)).containsExactly(Criterion.ACCESSIBILITY);
        assertThat(check(s, Criterion.ACCESSIBILITY).hint()).contains("BITV 2.0").contains("noUserInterface");
        s.noUserInterface = true;
        assertThat(unmetMust(s)).isEmpty();
    }

    @Test
    void twoReferenceEnvironmentsMustDifferInOperatorOrHostingMode() {
        Solution s = ready();
        s.referenceEnvironments = new ArrayList<>(List.of(new Installation("Köln", null, "Stadt Köln", HostingMode.CLOUD)));
        assertThat(unmetMust(s)).containsExactly(Criterion.REFERENCE_ENVIRONMENTS);
        assertThat(check(s, Criterion.REFERENCE_ENVIRONMENTS).hint()).contains("now 1 given, 1 different");

        s.referenceEnvironments.add(new Installation("Bonn", null, " stadt  köln ", HostingMode.CLOUD));
        assertThat(unmetMust(s)).as("same operator (spelt differently) and same hosting mode: one environment")
                .containsExactly(Criterion.REFERENCE_ENVIRONMENTS);

        s.referenceEnvironments.set(1, new Installation("Bonn", null, "Stadt Köln", HostingMode.ON_PREMISES));
        assertThat(unmetMust(s)).as("different hosting mode").isEmpty();

        s.referenceEnvironments.set(1, new Installation("Bonn", null, "ITK Rheinland", HostingMode.CLOUD));
        assertThat(unmetMust(s)).as("different operator").isEmpty();
    }

    @Test
    void aSupportedOperatorTypeIsAMust() {
        Solution s = ready();
        s.supportedOperatorTypes = new ArrayList<>();
        assertThat(unmetMust(s)).containsExactly(Criterion.SUPPORTED_OPERATOR_TYPE);
        assertThat(check(s, Criterion.SUPPORTED_OPERATOR_TYPE).hint()).contains("supportedOperatorTypes");
    }

    @Test
    void anOfferedPlanIsAMustAndRetiredPlansDoNotCount() {
        Solution s = ready();
        s.plans.get(0).retiredAt = java.time.Instant.now();
        assertThat(unmetMust(s)).containsExactly(Criterion.PLAN);
        assertThat(check(s, Criterion.PLAN).hint()).contains("POST /api/solutions/" + s.id + "/plans");
        s.plans.clear();
        assertThat(unmetMust(s)).containsExactly(Criterion.PLAN);
    }

    @ParameterizedTest
    @EnumSource(Maturity.class)
    void maturityMustBeAtLeastPilot(Maturity maturity) {
        Solution s = ready();
        s.maturity = maturity;
        boolean met = maturity != Maturity.PROTOTYPE;
        assertThat(check(s, Criterion.MATURITY).met()).isEqualTo(met);
        assertThat(ReadinessGate.evaluate(s).publishable()).isEqualTo(met);
        if (!met) {
            assertThat(check(s, Criterion.MATURITY).hint()).contains("at least PILOT (now PROTOTYPE)");
        }
    }

    @Test
    void aLicenceThatIsNeitherOsiApprovedNorEuplIsOnlyAShould() {
        Solution s = ready();
        s.sourceLicense = "BUSL-1.1";
        ReadinessGate.Result result = ReadinessGate.evaluate(s);
        assertThat(result.publishable()).isTrue();
        assertThat(check(s, Criterion.OSI_OR_EUPL_LICENSE).hint()).contains("(now BUSL-1.1)");
        assertThat(result.score()).isEqualByComparingTo("0.92");
        s.sourceLicense = "EUPL-1.1";
        assertThat(check(s, Criterion.OSI_OR_EUPL_LICENSE).met()).isTrue();
        s.sourceLicense = "Apache-2.0";
        assertThat(check(s, Criterion.OSI_OR_EUPL_LICENSE).met()).isTrue();
    }

    @Test
    void anOpenStandardIsAShould() {
        Solution s = ready();
        s.standards = new ArrayList<>();
        assertThat(ReadinessGate.evaluate(s).publishable()).isTrue();
        assertThat(check(s, Criterion.OPEN_STANDARD).met()).isFalse();
        assertThat(check(s, Criterion.OPEN_STANDARD).hint()).contains("(standards)");
    }

    @Test
    void supportContactAndResponseTimeTogetherAreAShould() {
        Solution s = ready();
        s.supportResponseHours = null;
        assertThat(ReadinessGate.evaluate(s).publishable()).isTrue();
        assertThat(check(s, Criterion.SUPPORT).met()).isFalse();
        s.supportResponseHours = 8;
        s.supportContact = null;
        assertThat(check(s, Criterion.SUPPORT).met()).isFalse();
    }

    @Test
    void theScoreCountsMustAndShouldAlikeRoundedToTwoDecimals() {
        Solution s = new Solution();
        s.id = UUID.randomUUID();
        s.maturity = Maturity.PROTOTYPE;
        ReadinessGate.Result empty = ReadinessGate.evaluate(s);
        assertThat(empty.met()).isZero();
        assertThat(empty.score()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(empty.unmetMust()).hasSize(9);

        Solution missingTwo = ready();
        missingTwo.documentationUrl = null;
        missingTwo.standards = new ArrayList<>();
        assertThat(ReadinessGate.evaluate(missingTwo).score()).isEqualByComparingTo("0.83");
    }
}
