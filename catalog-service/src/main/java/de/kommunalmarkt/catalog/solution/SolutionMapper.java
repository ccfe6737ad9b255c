package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.SolutionDeprecated;
import de.kommunalmarkt.events.SolutionPublished;
import de.kommunalmarkt.events.SolutionUpdated;
import de.kommunalmarkt.events.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Between the entities, the REST records and the solution events. */
final class SolutionMapper {

    static final String CURRENCY = "EUR";

    static void apply(SolutionRequest request, Solution target) {
        target.name = request.name().strip();
        target.summary = request.summary().strip();
        target.description = request.description().strip();
        target.category = request.category();
        target.sourceLicense = SpdxLicenses.find(request.sourceLicense()).map(SpdxLicenses.License::id).orElse(null);
        target.maturity = request.maturity();
        // sets in the domain: duplicates collapse, the first mention keeps its place
        target.hostingModes = distinctNames(request.hostingModes());
        target.supportedOperatorTypes = distinctNames(request.supportedOperatorTypes());
        target.standards = request.standards() == null ? new ArrayList<>()
                : new ArrayList<>(request.standards().stream().map(String::strip).distinct().toList());
        target.referenceEnvironments.clear();
        if (request.referenceEnvironments() != null) {
            request.referenceEnvironments().forEach(e -> target.referenceEnvironments.add(
                    new Installation(e.municipality().strip(), e.ags(), e.operator().strip(), e.hostingMode())));
        }
        target.documentationUrl = request.documentationUrl();
        SolutionRequest.QualityProfile quality = request.qualityProfile();
        target.dataProtectionStatementUrl = quality == null ? null : quality.dataProtectionStatementUrl();
        target.securityConceptUrl = quality == null ? null : quality.securityConceptUrl();
        target.accessibilityStatementUrl = quality == null ? null : quality.accessibilityStatementUrl();
        target.noUserInterface = quality != null && Boolean.TRUE.equals(quality.noUserInterface());
        target.supportContact = quality == null || quality.supportContact() == null ? null : quality.supportContact().strip();
        target.supportResponseHours = quality == null ? null : quality.supportResponseHours();
        target.approvalPolicy = request.approvalPolicy();
    }

    static void apply(PlanRequest request, Plan target) {
        target.name = request.name().strip();
        target.model = request.model();
        target.monthlyFee = money(request.monthlyFee());
        target.ratePer1000 = money(request.ratePer1000());
        target.minMonthly = money(request.minMonthly());
        target.maxMonthly = money(request.maxMonthly());
        target.tiers.clear();
        if (request.tiers() != null) {
            request.tiers().forEach(t -> target.tiers.add(new PlanTier(t.upTo(), money(t.monthlyFee()))));
        }
        target.monthlyPool = money(request.monthlyPool());
        target.costSharingKey = request.costSharingKey();
        target.inhabitantWeight = request.inhabitantWeight();
        target.setupFee = request.setupFee() == null ? money(BigDecimal.ZERO) : money(request.setupFee());
        target.minimumTermMonths = request.minimumTermMonths() == null ? 0 : request.minimumTermMonths();
        target.noticePeriodDays = request.noticePeriodDays() == null ? 0 : request.noticePeriodDays();
        target.vatRate = request.vatRate();
        target.vatCategory = request.vatCategory();
        target.vatExemptionReason = request.vatExemptionReason() == null ? null : request.vatExemptionReason().strip();
        target.currency = CURRENCY;
    }

    static SolutionView view(Solution s, String providerName, RoundSummary scalingRound) {
        ReadinessGate.Result readiness = ReadinessGate.evaluate(s);
        return new SolutionView(s.id, s.providerAgs, providerName, s.state, s.name, s.summary, s.description, s.category,
                s.sourceLicense, s.maturity, hostingModes(s), List.copyOf(s.standards), operatorTypes(s),
                s.referenceEnvironments.stream().map(e -> new SolutionRequest.ReferenceEnvironment(e.municipality, e.ags,
                        e.operator, e.hostingMode)).toList(),
                s.documentationUrl,
                new SolutionRequest.QualityProfile(s.dataProtectionStatementUrl, s.securityConceptUrl,
                        s.accessibilityStatementUrl, s.noUserInterface, s.supportContact, s.supportResponseHours),
                s.approvalPolicy, s.plans.stream().map(SolutionMapper::view).toList(), readiness(readiness),
                s.adoptionCount, rating(s.ratingCount, s.ratingSum), scalingRound, s.version, s.createdAt, s.updatedAt, s.publishedAt,
                s.deprecatedAt);
    }

    static SolutionSummary summary(Solution s, String providerName) {
        return new SolutionSummary(s.id, s.providerAgs, providerName, s.state, s.name, s.summary, s.category, s.maturity,
                s.sourceLicense, hostingModes(s), operatorTypes(s), List.copyOf(s.standards), s.readinessScore,
                s.adoptionCount, rating(s.ratingCount, s.ratingSum));
    }

    static SolutionView.Readiness readiness(ReadinessGate.Result result) {
        return new SolutionView.Readiness(result.score(), result.met(), result.total(), result.publishable(),
                result.checks().stream().map(c -> new SolutionView.CriterionView(c.criterion(), c.criterion().level(),
                        c.criterion().requirement(), c.met(), c.hint())).toList());
    }

    static SolutionView.Rating rating(int count, int sum) {
        BigDecimal average = count == 0 ? null
                : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
        return new SolutionView.Rating(average, count);
    }

    static PlanView view(Plan p) {
        return new PlanView(p.id, p.name, p.model, p.monthlyFee, p.ratePer1000, p.minMonthly, p.maxMonthly,
                p.tiers.isEmpty() ? null : p.tiers.stream().map(t -> new PlanView.Tier(t.upTo, t.monthlyFee)).toList(),
                p.monthlyPool, p.costSharingKey, plain(p.inhabitantWeight), p.setupFee, p.minimumTermMonths,
                p.noticePeriodDays, plain(p.vatRate), p.vatCategory, p.vatExemptionReason, p.currency, p.isActive(),
                p.createdAt, p.retiredAt);
    }

    /** The plan as licensing freezes it into a licence: every term, the model's fields only. */
    static PlanTerms terms(Plan p) {
        return new PlanTerms(p.id.toString(), p.name, p.model, p.monthlyFee, p.ratePer1000, p.minMonthly, p.maxMonthly,
                p.tiers.isEmpty() ? null : p.tiers.stream().map(t -> new Tier(t.upTo, t.monthlyFee)).toList(),
                p.monthlyPool, p.costSharingKey, plain(p.inhabitantWeight), p.setupFee, p.minimumTermMonths,
                p.noticePeriodDays, plain(p.vatRate), p.vatCategory, p.vatExemptionReason, p.currency);
    }

    static SolutionPublished published(Solution s, Instant at) {
        return new SolutionPublished(s.id.toString(), s.providerAgs, s.name, s.summary, s.category.name(), s.state,
                s.approvalPolicy, operatorTypes(s), hostingModes(s), activeTerms(s), at);
    }

    static SolutionUpdated updated(Solution s, Instant at) {
        return new SolutionUpdated(s.id.toString(), s.providerAgs, s.name, s.summary, s.category.name(), s.state,
                s.approvalPolicy, operatorTypes(s), hostingModes(s), activeTerms(s), at);
    }

    static SolutionDeprecated deprecated(Solution s, Instant at) {
        return new SolutionDeprecated(s.id.toString(), s.providerAgs, at);
    }

    private static List<PlanTerms> activeTerms(Solution s) {
        return s.activePlans().stream().map(SolutionMapper::terms).toList();
    }

    private static List<HostingMode> hostingModes(Solution s) {
        return s.hostingModes.stream().map(HostingMode::valueOf).toList();
    }

    private static List<OperatorType> operatorTypes(Solution s) {
        return s.supportedOperatorTypes.stream().map(OperatorType::valueOf).toList();
    }

    private static <E extends Enum<E>> List<String> distinctNames(List<E> values) {
        return values == null ? new ArrayList<>()
                : new ArrayList<>(values.stream().filter(Objects::nonNull).map(Enum::name).distinct().toList());
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Rates and weights without the column's padding zeros: 0.19, not 0.1900. */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private SolutionMapper() {
    }
}
