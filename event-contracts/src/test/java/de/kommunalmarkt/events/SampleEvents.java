package de.kommunalmarkt.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One realistic event per type, with the municipalities of the worked example in docs/DOMAIN.md. Across the
 * solution and licence samples every price model occurs, with both cost-sharing keys that need
 * different fields and a VAT-exempt plan.
 */
final class SampleEvents {

    static final String KOELN = "05315000";
    static final String ULM = "08421000";
    static final String BAMBERG = "09461000";
    static final String OPERATOR = "kdvz-rhein-erft-rur";

    static final String SOLUTION_ID = "3f1c2b9e-5a4d-4e0b-9c61-2d7f8a1b4c55";
    static final String LICENSE_ID = "a7d4e2f0-1b3c-4d5e-8f90-12ab34cd56ef";
    static final String DEPLOYMENT_ID = "c2b1a0f9-8e7d-4c6b-a5f4-e3d2c1b0a998";
    static final String RUN_ID = "0e9d8c7b-6a5f-4e3d-b2c1-a0f9e8d7c6b5";
    static final String ROUND_ID = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    static final BigDecimal VAT_19 = new BigDecimal("0.19");

    static PlanTerms freePlan() {
        return new PlanTerms("11111111-2222-4333-8444-555555555501", "Community", PriceModel.FREE,
                null, null, null, null, null, null, null, null,
                BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, "O", "Nicht steuerbar: unentgeltliche Überlassung", "EUR");
    }

    static PlanTerms flatPlan() {
        return new PlanTerms("11111111-2222-4333-8444-555555555502", "Pauschal", PriceModel.FLAT,
                new BigDecimal("300.00"), null, null, null, null, null, null, null,
                new BigDecimal("500.00"), 12, 90, VAT_19, "S", null, "EUR");
    }

    static PlanTerms perInhabitantPlan() {
        return new PlanTerms("11111111-2222-4333-8444-555555555503", "Nach Einwohnern", PriceModel.PER_INHABITANT,
                null, new BigDecimal("12.50"), new BigDecimal("50.00"), new BigDecimal("2000.00"), null, null, null, null,
                BigDecimal.ZERO, 12, 90, VAT_19, "S", null, "EUR");
    }

    static PlanTerms tieredPlan() {
        return new PlanTerms("11111111-2222-4333-8444-555555555504", "Staffel", PriceModel.TIERED,
                null, null, null, null,
                List.of(new Tier(20_000L, new BigDecimal("100.00")),
                        new Tier(100_000L, new BigDecimal("250.00")),
                        new Tier(null, new BigDecimal("600.00"))),
                null, null, null,
                new BigDecimal("250.00"), 24, 180, VAT_19, "S", null, "EUR");
    }

    static PlanTerms costSharingByInhabitantsPlan() {
        return new PlanTerms("11111111-2222-4333-8444-555555555505", "Kostenumlage", PriceModel.COST_SHARING,
                null, null, null, null, null, new BigDecimal("10000.00"), CostSharingKey.INHABITANTS, null,
                BigDecimal.ZERO, 12, 90, VAT_19, "S", null, "EUR");
    }

    static PlanTerms costSharingMixedPlan() {
        return new PlanTerms("11111111-2222-4333-8444-555555555506", "Kostenumlage gemischt", PriceModel.COST_SHARING,
                null, null, null, null, null, new BigDecimal("4800.00"), CostSharingKey.MIXED, new BigDecimal("0.7"),
                BigDecimal.ZERO, 12, 90, BigDecimal.ZERO, "E",
                "Interkommunale Zusammenarbeit, nicht steuerbar nach § 2b UStG", "EUR");
    }

    static PlanTerms vatExemptFlatPlan() {
        return new PlanTerms("11111111-2222-4333-8444-555555555507", "Pauschal (§ 2b UStG)", PriceModel.FLAT,
                new BigDecimal("300.00"), null, null, null, null, null, null, null,
                BigDecimal.ZERO, 12, 90, BigDecimal.ZERO, "E",
                "Interkommunale Zusammenarbeit, nicht steuerbar nach § 2b UStG", "EUR");
    }

    static DomainEvent of(EventType type) {
        return switch (type) {
            case SOLUTION_PUBLISHED -> new SolutionPublished(SOLUTION_ID, KOELN, "Mängelmelder",
                    "Bürgerinnen und Bürger melden Schäden im Stadtraum, die Verwaltung bearbeitet sie.",
                    "Bürgerbeteiligung", SolutionState.PUBLISHED, ApprovalPolicy.AUTO,
                    List.of(OperatorType.SELF_OPERATED, OperatorType.REGIONAL_IT_PROVIDER),
                    List.of(HostingMode.ON_PREMISES, HostingMode.CLOUD),
                    List.of(freePlan(), flatPlan(), perInhabitantPlan()),
                    Instant.parse("2026-10-01T09:30:00Z"));
            case SOLUTION_UPDATED -> new SolutionUpdated(SOLUTION_ID, KOELN, "Mängelmelder",
                    "Schäden im Stadtraum melden und bearbeiten, mit Open311-Schnittstelle.",
                    "Bürgerbeteiligung", SolutionState.PUBLISHED, ApprovalPolicy.MANUAL,
                    List.of(OperatorType.REGIONAL_IT_PROVIDER, OperatorType.PRIVATE_IT_PROVIDER),
                    List.of(HostingMode.CLOUD, HostingMode.SAAS),
                    List.of(tieredPlan(), costSharingByInhabitantsPlan(), costSharingMixedPlan()),
                    Instant.parse("2026-10-14T15:02:11.123456Z"));
            case SOLUTION_DEPRECATED -> new SolutionDeprecated(SOLUTION_ID, KOELN,
                    Instant.parse("2027-03-31T22:00:00Z"));
            case MUNICIPALITY_REGISTERED -> new MunicipalityRegistered(KOELN, "Stadt Köln", 1_080_000,
                    "05315000-KM001-20", new PostalAddress("Willy-Brandt-Platz 2", "50679", "Köln", "DE"),
                    "digitalisierung@stadt-koeln.de");
            case MUNICIPALITY_UPDATED -> new MunicipalityUpdated(ULM, "Stadt Ulm", 128_000,
                    "08421000-KM001-17", new PostalAddress("Marktplatz 1", "89073", "Ulm", "DE"),
                    "rechnungen@ulm.de");
            case OPERATOR_REGISTERED -> new OperatorRegistered(OPERATOR, "KDVZ Rhein-Erft-Rur",
                    OperatorType.REGIONAL_IT_PROVIDER, List.of("05"), 3, "betrieb@kdvz-frechen.de");
            case OPERATOR_UPDATED -> new OperatorUpdated(OPERATOR, "KDVZ Rhein-Erft-Rur",
                    OperatorType.REGIONAL_IT_PROVIDER, List.of("05", "07"), 5, "betrieb@kdvz-frechen.de");
            case SCALING_ROUND_OPENED -> new ScalingRoundOpened(ROUND_ID, SOLUTION_ID, "Mängelmelder", KOELN,
                    List.of(new RoundPurpose("Mandantenfähigkeit", new BigDecimal("60000.00")),
                            new RoundPurpose("Betrieb in der Cloud", new BigDecimal("40000"))),
                    new BigDecimal("100000"), "EUR", LocalDate.of(2027, 3, 31), 3, new BigDecimal("0.19"), "S", null,
                    Instant.parse("2027-01-10T09:00:00Z"));
            case PLEDGE_MADE -> new PledgeMade(ROUND_ID, SOLUTION_ID, ULM, new BigDecimal("25000"),
                    flatPlan().planId(), OPERATOR, Instant.parse("2027-01-12T10:30:00.5Z"));
            case PLEDGE_WITHDRAWN -> new PledgeWithdrawn(ROUND_ID, SOLUTION_ID, ULM, Instant.parse("2027-01-20T14:00:00Z"));
            case SCALING_ROUND_CLOSED -> new ScalingRoundClosed(ROUND_ID, SOLUTION_ID, "Mängelmelder", KOELN,
                    RoundOutcome.SUCCEEDED, true, new BigDecimal("100000"), new BigDecimal("100000"), 2, 2, "EUR",
                    BigDecimal.ZERO, "E", "Interkommunale Zusammenarbeit, nicht steuerbar nach § 2b UStG",
                    List.of(new RoundPledge(ULM, new BigDecimal("60000"), flatPlan().planId(), OPERATOR,
                                    Instant.parse("2027-01-12T10:30:00Z")),
                            new RoundPledge(BAMBERG, new BigDecimal("40000"), null, null, Instant.parse("2027-01-13T08:00:00Z"))),
                    Instant.parse("2027-02-01T12:00:00Z"));
            case LICENSE_REQUESTED -> new LicenseRequested(LICENSE_ID, SOLUTION_ID, flatPlan().planId(), OPERATOR,
                    ULM, KOELN, Instant.parse("2026-10-20T08:15:30Z"));
            case LICENSE_GRANTED -> new LicenseGranted(LICENSE_ID, SOLUTION_ID, "Mängelmelder",
                    vatExemptFlatPlan().planId(), OPERATOR, ULM, KOELN, vatExemptFlatPlan(),
                    Instant.parse("2026-10-20T08:15:31Z"));
            case LICENSE_REJECTED -> new LicenseRejected(LICENSE_ID, SOLUTION_ID, ULM, KOELN,
                    "Der Betreiber ist für Baden-Württemberg nicht zugelassen.",
                    Instant.parse("2026-10-21T11:00:00Z"));
            case LICENSE_ACTIVATED -> new LicenseActivated(LICENSE_ID, SOLUTION_ID, flatPlan().planId(), ULM, KOELN,
                    LocalDate.of(2026, 11, 16));
            case LICENSE_SUSPENDED -> new LicenseSuspended(LICENSE_ID, ULM, LocalDate.of(2027, 2, 1));
            case LICENSE_RESUMED -> new LicenseResumed(LICENSE_ID, ULM, LocalDate.of(2027, 2, 15));
            case LICENSE_TERMINATED -> new LicenseTerminated(LICENSE_ID, SOLUTION_ID, ULM, KOELN,
                    LocalDate.of(2027, 12, 31), LocalDate.of(2027, 9, 1));
            case LICENSE_CANCELLED -> new LicenseCancelled(LICENSE_ID, SOLUTION_ID, ULM, KOELN,
                    Instant.parse("2026-10-23T10:05:12.345678Z"));
            case LICENSE_ENDED -> new LicenseEnded(LICENSE_ID, SOLUTION_ID, ULM, KOELN, LocalDate.of(2027, 12, 31));
            case DEPLOYMENT_REQUESTED -> new DeploymentRequested(DEPLOYMENT_ID, LICENSE_ID, SOLUTION_ID, "Mängelmelder",
                    ULM, OPERATOR, List.of(HostingMode.CLOUD), Instant.parse("2026-10-20T08:15:31Z"));
            case DEPLOYMENT_ACCEPTED -> new DeploymentAccepted(DEPLOYMENT_ID, LICENSE_ID, OPERATOR,
                    Instant.parse("2026-10-22T07:45:00Z"));
            case DEPLOYMENT_COMPLETED -> new DeploymentCompleted(DEPLOYMENT_ID, LICENSE_ID, OPERATOR,
                    LocalDate.of(2026, 11, 16));
            case DEPLOYMENT_FAILED -> new DeploymentFailed(DEPLOYMENT_ID, LICENSE_ID, OPERATOR,
                    "Die Schnittstelle zum Fachverfahren ist nicht erreichbar.", Instant.parse("2026-11-03T16:20:00Z"));
            case DEPLOYMENT_CANCELLED -> new DeploymentCancelled(DEPLOYMENT_ID, LICENSE_ID, OPERATOR,
                    Instant.parse("2026-10-23T10:05:12.345678Z"));
            case INVOICE_ISSUED -> new InvoiceIssued("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "KM-2026-000042", KOELN,
                    "2026-11", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31),
                    new BigDecimal("8548.13"), new BigDecimal("1624.14"), new BigDecimal("10172.27"), "EUR", RUN_ID);
            case CREDIT_NOTE_ISSUED -> new CreditNoteIssued("6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f", "KM-2026-000043", ULM,
                    "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "KM-2026-000031", LocalDate.of(2026, 12, 1),
                    new BigDecimal("516.13"), new BigDecimal("98.06"), new BigDecimal("614.19"), "EUR",
                    "Korrektur 2026-10 nach rückwirkender Aussetzung", RUN_ID);
            case PAYMENT_BOOKED -> new PaymentBooked("7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f", "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e",
                    "KM-2026-000042", KOELN, new BigDecimal("10172.27"), "EUR", LocalDate.of(2026, 12, 18),
                    "KM-2026-000042 Stadt Koeln Kassenzeichen 4711", "CAMT053", "PAID");
            case INVOICE_OVERDUE -> new InvoiceOverdue("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "KM-2026-000042", KOELN,
                    "REMINDER", LocalDate.of(2026, 12, 31), 14, new BigDecimal("10172.27"));
            case BILLING_RUN_COMPLETED -> new BillingRunCompleted(RUN_ID, "2026-11", 3,
                    Instant.parse("2026-12-01T01:00:00Z"), Instant.parse("2026-12-01T01:00:04.250Z"));
        };
    }

    static List<DomainEvent> all() {
        return Arrays.stream(EventType.values()).map(SampleEvents::of).toList();
    }

    private SampleEvents() {
    }
}
