package de.kommunalmarkt.billing.pricing;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import de.kommunalmarkt.billing.pricing.CostSharingAllocation.Candidate;
import de.kommunalmarkt.billing.pricing.CostSharingAllocation.Share;
import de.kommunalmarkt.billing.pricing.PriceTerms.CostSharing;
import de.kommunalmarkt.events.BillingPeriod;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostSharingAllocationTest {

    private static final BillingPeriod NOVEMBER_2026 = BillingPeriod.parse("2026-11");
    private static final String KOELN = "05315000";
    private static final String ULM = "08421000";
    private static final String BAMBERG = "09461000";

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    private static Candidate candidate(String licenseId, String ags, long inhabitants, int days, BillingPeriod period) {
        return new Candidate(licenseId, ags, inhabitants, new BillableDays(days, period.days()));
    }

    private static Candidate november(String licenseId, String ags, long inhabitants, int days) {
        return candidate(licenseId, ags, inhabitants, days, NOVEMBER_2026);
    }

    @Test
    void reproducesTheWorkedExampleOfDomainMdToTheCent() {
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.byInhabitants(eur("10000.00")),
                NOVEMBER_2026, List.of(
                        november("koeln-cs", KOELN, 1_080_000, 30),
                        november("ulm-cs", ULM, 128_000, 30),
                        november("bamberg-cs", BAMBERG, 78_000, 20)));

        assertThat(allocation.shareOf("koeln-cs")).isEqualTo(eur("8398.13"));
        assertThat(allocation.shareOf("ulm-cs")).isEqualTo(eur("995.33"));
        assertThat(allocation.shareOf("bamberg-cs")).isEqualTo(eur("404.36"));
        assertThat(allocation.total()).isEqualTo(eur("9797.82"));
        assertThat(allocation.participantCount()).isEqualTo(3);
    }

    @Test
    void theMissingCentGoesToTheLargestRemainderNotToTheLowerAgs() {
        // remainders in cents: Köln .3748, Ulm .4370, Bamberg .4588 — Bamberg has the highest AGS and still wins
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.byInhabitants(eur("10000.00")),
                NOVEMBER_2026, List.of(
                        november("koeln-cs", KOELN, 1_080_000, 30),
                        november("ulm-cs", ULM, 128_000, 30),
                        november("bamberg-cs", BAMBERG, 78_000, 20)));

        assertThat(allocation.shares()).extracting(Share::ags, Share::amount).containsExactly(
                tuple(KOELN, eur("8398.13")),
                tuple(ULM, eur("995.33")),
                tuple(BAMBERG, eur("404.36")));
    }

    @Test
    void equalRemaindersGiveTheCentToTheLowerAgsWhateverTheOrder() {
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.byInhabitants(eur("100.00")),
                NOVEMBER_2026, List.of(
                        november("c", "09000003", 50_000, 30),
                        november("a", "01000001", 50_000, 30),
                        november("b", "05000002", 50_000, 30)));

        assertThat(allocation.total()).isEqualTo(eur("100.00"));
        assertThat(allocation.shareOf("a")).isEqualTo(eur("33.34"));
        assertThat(allocation.shareOf("b")).isEqualTo(eur("33.33"));
        assertThat(allocation.shareOf("c")).isEqualTo(eur("33.33"));
    }

    @Test
    void severalMissingCentsGoOneEachInAgsOrderAmongTies() {
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.equally(eur("0.05")),
                NOVEMBER_2026, List.of(
                        november("c", "09000003", 1, 30),
                        november("b", "05000002", 1, 30),
                        november("a", "01000001", 1, 30)));

        assertThat(allocation.total()).isEqualTo(eur("0.05"));
        assertThat(allocation.shareOf("a")).isEqualTo(eur("0.02"));
        assertThat(allocation.shareOf("b")).isEqualTo(eur("0.02"));
        assertThat(allocation.shareOf("c")).isEqualTo(eur("0.01"));
    }

    @Test
    void aTotalExactlyHalfwayBetweenCentsRoundsUp() {
        // 0.01 × 15 / 30 = 0.005 → total 0.01, and the lone participant gets the missing cent
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.equally(eur("0.01")),
                NOVEMBER_2026, List.of(november("half", "01000001", 1, 15)));

        assertThat(allocation.total()).isEqualTo(eur("0.01"));
        assertThat(allocation.shareOf("half")).isEqualTo(eur("0.01"));
    }

    @Test
    void equalKeySplitsThePoolPerHeadRegardlessOfSize() {
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.equally(eur("900.00")),
                NOVEMBER_2026, List.of(
                        november("big", KOELN, 1_080_000, 30),
                        november("small", "09000001", 1_200, 30),
                        november("mid", ULM, 128_000, 30)));

        assertThat(allocation.shares()).extracting(Share::amount).containsOnly(eur("300.00"));
        assertThat(allocation.total()).isEqualTo(eur("900.00"));
    }

    @Test
    void mixedKeyBlendsInhabitantAndEqualParts() {
        // base = 0.5 × inh/Σ + 0.5 / 2: 0.5 × 100/400 + 0.25 = 0.375 and 0.5 × 300/400 + 0.25 = 0.625
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.mixed(eur("1000.00"), eur("0.5")),
                NOVEMBER_2026, List.of(
                        november("small", "01000001", 100, 30),
                        november("large", "01000002", 300, 30)));

        assertThat(allocation.shareOf("small")).isEqualTo(eur("375.00"));
        assertThat(allocation.shareOf("large")).isEqualTo(eur("625.00"));
    }

    @Test
    void mixedKeyWithWeightOneOrZeroEqualsTheInhabitantOrEqualKey() {
        List<Candidate> candidates = List.of(
                november("koeln-cs", KOELN, 1_080_000, 30),
                november("ulm-cs", ULM, 128_000, 17),
                november("bamberg-cs", BAMBERG, 78_000, 20));
        BigDecimal pool = eur("12345.67");

        assertThat(CostSharingAllocation.allocate(CostSharing.mixed(pool, BigDecimal.ONE), NOVEMBER_2026, candidates)
                .shares()).isEqualTo(
                        CostSharingAllocation.allocate(CostSharing.byInhabitants(pool), NOVEMBER_2026, candidates).shares());
        assertThat(CostSharingAllocation.allocate(CostSharing.mixed(pool, eur("0.000")), NOVEMBER_2026, candidates)
                .shares()).isEqualTo(
                        CostSharingAllocation.allocate(CostSharing.equally(pool), NOVEMBER_2026, candidates).shares());
    }

    @Test
    void aPartialMonthScalesTheShareByBillableDays() {
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.equally(eur("300.00")),
                NOVEMBER_2026, List.of(
                        november("whole", "01000001", 10_000, 30),
                        november("half", "01000002", 10_000, 15)));

        assertThat(allocation.shareOf("whole")).isEqualTo(eur("150.00"));
        assertThat(allocation.shareOf("half")).isEqualTo(eur("75.00"));
        assertThat(allocation.total()).isEqualTo(eur("225.00"));
    }

    @Test
    void licencesWithoutBillableDaysDoNotParticipateNorCountInNOrTheInhabitantSum() {
        CostSharingAllocation equal = CostSharingAllocation.allocate(CostSharing.equally(eur("90.00")),
                NOVEMBER_2026, List.of(
                        november("a", "01000001", 10_000, 30),
                        november("suspended", "01000002", 10_000, 0),
                        november("b", "01000003", 10_000, 30)));
        assertThat(equal.participantCount()).isEqualTo(2);
        assertThat(equal.shareOf("a")).isEqualTo(eur("45.00"));
        assertThat(equal.shareOf("suspended")).isEqualTo(eur("0.00"));
        assertThat(equal.shares()).extracting(Share::licenseId).containsExactly("a", "b");

        CostSharingAllocation byInhabitants = CostSharingAllocation.allocate(CostSharing.byInhabitants(eur("90.00")),
                NOVEMBER_2026, List.of(
                        november("a", "01000001", 10_000, 30),
                        november("terminated", "01000002", 1_000_000, 0),
                        november("b", "01000003", 20_000, 30)));
        assertThat(byInhabitants.shareOf("a")).isEqualTo(eur("30.00"));
        assertThat(byInhabitants.shareOf("b")).isEqualTo(eur("60.00"));
    }

    @Test
    void everyAdopterPaysLessAsMoreMunicipalitiesJoin() {
        CostSharing plan = CostSharing.equally(eur("10000.00"));
        List<Candidate> candidates = new ArrayList<>();
        BigDecimal previous = null;
        for (int joined = 1; joined <= 10; joined++) {
            candidates.add(november("l" + joined, String.format("09%06d", joined), 50_000, 30));
            BigDecimal firstShare = CostSharingAllocation.allocate(plan, NOVEMBER_2026, candidates).shareOf("l1");
            if (previous != null) {
                assertThat(firstShare).isLessThan(previous);
            }
            previous = firstShare;
        }
    }

    @Test
    void withoutParticipantsNothingIsShared() {
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.equally(eur("500.00")),
                NOVEMBER_2026, List.of(november("idle", "01000001", 10_000, 0)));
        assertThat(allocation.total()).isEqualTo(eur("0.00"));
        assertThat(allocation.shares()).isEmpty();
        assertThat(allocation.participantCount()).isZero();
    }

    @Test
    void refusesALicenceTwiceAndDaysOfAnotherMonthLength() {
        CostSharing plan = CostSharing.equally(eur("500.00"));
        assertThatThrownBy(() -> CostSharingAllocation.allocate(plan, NOVEMBER_2026, List.of(
                november("same", "01000001", 1, 30), november("same", "01000002", 1, 30))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> CostSharingAllocation.allocate(plan, NOVEMBER_2026, List.of(
                new Candidate("x", "01000001", 1, new BillableDays(31, 31)))))
                .hasMessageContaining("2026-11 has 30");
    }

    @Test
    void refusesAnUnknownLicenceOnLookup() {
        CostSharingAllocation allocation = CostSharingAllocation.allocate(CostSharing.equally(eur("500.00")),
                NOVEMBER_2026, List.of(november("a", "01000001", 1, 30)));
        assertThatThrownBy(() -> allocation.shareOf("b")).hasMessageContaining("not a candidate");
    }

    @Test
    void refusesInvalidCandidates() {
        assertThatThrownBy(() -> november("a", "1234", 1, 30)).hasMessageContaining("8-digit AGS");
        assertThatThrownBy(() -> november("a", "01000001", 0, 30)).hasMessageContaining("inhabitants must be positive");
    }

    @Test
    void sharesAlwaysAddUpToTheRoundedTotalOverManyRandomParticipantSets() {
        Random random = new Random(20261101L);
        List<BillingPeriod> periods = List.of(BillingPeriod.parse("2026-11"), BillingPeriod.parse("2026-12"),
                BillingPeriod.parse("2027-02"), BillingPeriod.parse("2028-02"));
        for (int round = 0; round < 500; round++) {
            BillingPeriod period = periods.get(random.nextInt(periods.size()));
            CostSharing plan = randomPlan(random);
            List<Candidate> candidates = randomCandidates(random, period, 1 + random.nextInt(round % 10 == 0 ? 400 : 12));

            CostSharingAllocation allocation = CostSharingAllocation.allocate(plan, period, candidates);

            BigDecimal sum = allocation.shares().stream().map(Share::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).as("round %d", round).isEqualByComparingTo(allocation.total());
            assertLargestRemainderRounding(plan, period, candidates, allocation, round);
        }
    }

    @Test
    void allocatesThousandsOfParticipantsQuickly() {
        Random random = new Random(7L);
        List<Candidate> candidates = randomCandidates(random, NOVEMBER_2026, 50_000);
        CostSharingAllocation allocation = assertTimeoutPreemptively(ofSeconds(5), () -> CostSharingAllocation.allocate(
                CostSharing.mixed(eur("2500000.00"), eur("0.35")), NOVEMBER_2026, candidates));
        BigDecimal sum = allocation.shares().stream().map(Share::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(allocation.total());
    }

    /** An independent check with the formula of docs/DOMAIN.md ("Cost sharing") in high-precision decimals. */
    private static void assertLargestRemainderRounding(CostSharing plan, BillingPeriod period,
            List<Candidate> candidates, CostSharingAllocation allocation, int round) {
        MathContext precise = new MathContext(60);
        List<Candidate> participants = candidates.stream().filter(c -> !c.billableDays().isZero()).toList();
        assertThat(allocation.participantCount()).isEqualTo(participants.size());
        if (participants.isEmpty()) {
            assertThat(allocation.total()).isEqualByComparingTo("0");
            return;
        }
        BigDecimal n = BigDecimal.valueOf(participants.size());
        BigDecimal inhabitantSum = BigDecimal.valueOf(participants.stream().mapToLong(Candidate::inhabitants).sum());
        BigDecimal w = switch (plan.key()) {
            case INHABITANTS -> BigDecimal.ONE;
            case EQUAL -> BigDecimal.ZERO;
            case MIXED -> plan.inhabitantWeight();
        };
        BigDecimal exactSum = BigDecimal.ZERO;
        BigDecimal smallestRemainderWithCent = null;
        BigDecimal largestRemainderWithoutCent = null;
        for (Candidate participant : participants) {
            BigDecimal base = w.multiply(BigDecimal.valueOf(participant.inhabitants())).divide(inhabitantSum, precise)
                    .add(BigDecimal.ONE.subtract(w).divide(n, precise));
            BigDecimal exact = plan.monthlyPool().multiply(base)
                    .multiply(BigDecimal.valueOf(participant.billableDays().days()))
                    .divide(BigDecimal.valueOf(period.days()), precise);
            exactSum = exactSum.add(exact);
            BigDecimal floor = exact.setScale(2, RoundingMode.FLOOR);
            BigDecimal remainder = exact.subtract(floor);
            BigDecimal share = allocation.shareOf(participant.licenseId());
            assertThat(share).as("round %d, %s", round, participant).isIn(floor, floor.add(eur("0.01")));
            if (share.compareTo(floor) > 0) {
                smallestRemainderWithCent = min(smallestRemainderWithCent, remainder);
            } else {
                largestRemainderWithoutCent = max(largestRemainderWithoutCent, remainder);
            }
        }
        assertThat(allocation.total().subtract(exactSum).abs()).as("round %d", round)
                .isLessThanOrEqualTo(eur("0.005000000000000000000000000000001"));
        if (smallestRemainderWithCent != null && largestRemainderWithoutCent != null) {
            assertThat(smallestRemainderWithCent).as("round %d", round)
                    .isGreaterThanOrEqualTo(largestRemainderWithoutCent.subtract(eur("1E-40")));
        }
    }

    private static CostSharing randomPlan(Random random) {
        BigDecimal pool = BigDecimal.valueOf(random.nextInt(100_000_000), 2);
        return switch (random.nextInt(3)) {
            case 0 -> CostSharing.byInhabitants(pool);
            case 1 -> CostSharing.equally(pool);
            default -> CostSharing.mixed(pool, BigDecimal.valueOf(random.nextInt(101), 2));
        };
    }

    private static List<Candidate> randomCandidates(Random random, BillingPeriod period, int count) {
        Set<String> agsUsed = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String ags;
            do {
                ags = String.format("%02d%06d", 1 + random.nextInt(16), random.nextInt(1_000_000));
            } while (!agsUsed.add(ags));
            long inhabitants = random.nextInt(4) == 0 ? 50_000 : 1 + random.nextInt(3_700_000);
            int days = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(period.days() + 1);
                case 1 -> 0;
                default -> period.days();
            };
            candidates.add(candidate("licence-" + i, ags, inhabitants, days, period));
        }
        return candidates;
    }

    private static BigDecimal min(BigDecimal current, BigDecimal candidate) {
        return current == null || candidate.compareTo(current) < 0 ? candidate : current;
    }

    private static BigDecimal max(BigDecimal current, BigDecimal candidate) {
        return current == null || candidate.compareTo(current) > 0 ? candidate : current;
    }
}
