package de.kommunalmarkt.billing.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.pricing.BillableDays;
import de.kommunalmarkt.billing.pricing.BillableLicense;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.Correction;
import de.kommunalmarkt.billing.pricing.CostSharingAllocation;
import de.kommunalmarkt.billing.pricing.LicenseTimeline;
import de.kommunalmarkt.billing.pricing.LineKind;
import de.kommunalmarkt.billing.pricing.PriceTerms;
import de.kommunalmarkt.billing.pricing.Repricing;
import de.kommunalmarkt.billing.pricing.Suspension;
import de.kommunalmarkt.common.jdbc.CopyText;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Finds what a run must correct in the earlier periods of its window (docs/DOMAIN.md, section "Late facts
 * and corrections") and records it with the run's inputs ({@code billing_run_correction}), so a resumed
 * execution issues exactly what the first one would have.
 *
 * <p>Only what can have changed is re-priced: for each earlier period with a completed run, the licences
 * whose facts billing learnt after that run fixed its inputs, the licences of municipalities billing learnt
 * of after it, and — for a cost-sharing plan any of them takes part in — every participant of that plan in
 * the period, whose share the change moves. Each is priced from the facts as they stand now (inhabitants as
 * the period's run fixed them, or as billing knows them now for a municipality that run did not know) and
 * compared with the ledger: the period's invoice lines and catch-up lines for it, less the credit-note
 * lines of earlier corrections.
 */
final class CorrectionPlanner {

    private static final Logger LOG = Logger.getLogger(CorrectionPlanner.class);

    /**
     * A fact is stamped when the consumer writes it, but becomes visible when its transaction commits — which
     * may be after an earlier run fixed its inputs. Re-pricing therefore also looks at what changed shortly
     * before that run: longer than any consumer transaction may last (the transaction timeout) plus clock skew.
     * Looking again at an unchanged licence costs a comparison and corrects nothing.
     */
    static final Duration VISIBILITY_MARGIN = Duration.ofMinutes(5);

    private final ObjectMapper json;
    private final int windowMonths;
    private final Repricing repricing = new Repricing();

    CorrectionPlanner(ObjectMapper json, int windowMonths) {
        this.json = json;
        this.windowMonths = windowMonths;
    }

    /** A completed run of an earlier period. */
    private record EarlierRun(UUID id, BillingPeriod period, Instant snapshotAt) {
    }

    /** A licence as billing's view holds it now. */
    private record ViewLicense(UUID id, long contractId, String adopterAgs, LocalDate activatedOn, LocalDate endsOn,
            Instant factsChangedAt, Instant municipalityRegisteredAt) {
    }

    /** What the ledger says of one licence in one period. */
    private static final class Ledger {
        final Map<Repricing.Billed, BigDecimal> billed = new HashMap<>();
        /** The invoice of the period that billed the licence, else the latest that carried a catch-up for it. */
        UUID invoiceId;
        String invoicePeriod;
        final Map<LineKind, Integer> lineNo = new HashMap<>();
    }

    /** Records the run's corrections in the run's (open) transaction; returns how many (the run record keeps the count). */
    int plan(Connection c, UUID runId, BillingPeriod period) throws SQLException {
        long began = System.nanoTime();
        List<EarlierRun> earlier = earlierRuns(c, period);
        if (earlier.isEmpty()) {
            return 0;
        }
        Instant since = earlier.stream().map(EarlierRun::snapshotAt).min(Instant::compareTo).orElseThrow()
                .minus(VISIBILITY_MARGIN);
        List<ViewLicense> changed = changedSince(c, since);
        if (changed.isEmpty()) {
            return 0;
        }
        Map<Long, ContractTerms> contracts = new HashMap<>();
        int planned = 0;
        CopyText rows = new CopyText("billing_run_correction (run_id, adopter_ags, license_id, contract_id, period, kind, "
                + "amount, billable_days, period_days, corrects_invoice, corrects_line_no)", 1 << 16);
        for (EarlierRun run : earlier) {
            Instant seen = run.snapshotAt().minus(VISIBILITY_MARGIN);
            List<ViewLicense> candidates = changed.stream()
                    .filter(l -> l.factsChangedAt().isAfter(seen) || l.municipalityRegisteredAt().isAfter(seen))
                    .filter(l -> !l.activatedOn().isAfter(run.period().lastDay()))
                    .toList();
            if (!candidates.isEmpty()) {
                planned += planPeriod(c, rows, runId, run, candidates, contracts);
            }
        }
        rows.copyInto(c);
        LOG.infof("Billing run %s for %s: %d corrections of the %d months before (%d licences changed since; %d ms)",
                runId, period, planned, windowMonths, changed.size(), (System.nanoTime() - began) / 1_000_000);
        return planned;
    }

    private int planPeriod(Connection c, CopyText rows, UUID runId, EarlierRun run,
            List<ViewLicense> candidates, Map<Long, ContractTerms> contracts) throws SQLException {
        BillingPeriod period = run.period();
        Map<UUID, ViewLicense> licenses = new LinkedHashMap<>();
        candidates.forEach(l -> licenses.put(l.id(), l));
        loadContracts(c, contracts, candidates.stream().map(ViewLicense::contractId).toList());
        // Every participant of a cost-sharing plan a candidate takes part in: its share moves with the change.
        Set<Long> costSharing = new HashSet<>();
        for (ViewLicense l : candidates) {
            if (contracts.get(l.contractId()).price() instanceof PriceTerms.CostSharing) {
                costSharing.add(l.contractId());
            }
        }
        if (!costSharing.isEmpty()) {
            participants(c, period, costSharing).forEach(l -> licenses.putIfAbsent(l.id(), l));
        }
        Map<UUID, List<Suspension>> suspensions = suspensions(c, licenses.keySet());
        Map<String, Long> inhabitants = inhabitants(c, run.id(),
                licenses.values().stream().map(ViewLicense::adopterAgs).distinct().toList());
        Map<UUID, Ledger> ledgers = ledgers(c, period, licenses.values());
        Map<String, UUID> invoicesOfPeriod = invoicesOf(c, period, inhabitants.keySet());

        Map<UUID, LicenseTimeline> timelines = new HashMap<>();
        licenses.values().forEach(l -> timelines.put(l.id(), new LicenseTimeline(l.activatedOn(), l.endsOn(),
                suspensions.getOrDefault(l.id(), List.of()))));
        Map<UUID, BigDecimal> shares = costShares(period, licenses.values(), contracts, timelines, inhabitants);

        List<BillableLicense> billable = new ArrayList<>();
        Map<String, Ledger> ledgerById = new HashMap<>();
        Map<Repricing.Billed, BigDecimal> billed = new HashMap<>();
        for (ViewLicense l : licenses.values()) {
            ContractTerms terms = contracts.get(l.contractId());
            String id = l.id().toString();
            long people = inhabitants.get(l.adopterAgs());
            billable.add(terms.price() instanceof PriceTerms.CostSharing
                    ? BillableLicense.costSharing(id, terms, people, timelines.get(l.id()), shares.get(l.id()))
                    : BillableLicense.priced(id, terms, people, timelines.get(l.id())));
            Ledger ledger = ledgers.getOrDefault(l.id(), new Ledger());
            ledgerById.put(id, ledger);
            billed.putAll(ledger.billed);
        }
        int planned = 0;
        for (Correction correction : repricing.corrections(period, billable, billed)) {
            ViewLicense l = licenses.get(UUID.fromString(correction.licenseId()));
            Ledger ledger = ledgerById.get(correction.licenseId());
            BillableDays days = correction.repriced().billableDays();
            // A credit note corrects the invoice that billed the amount; a catch-up names the adopter's invoice of
            // the period where there was one (BG-3), else the invoice of an earlier catch-up.
            UUID ofPeriod = invoicesOfPeriod.get(l.adopterAgs());
            UUID corrects = correction.amount().signum() < 0 || ofPeriod == null ? ledger.invoiceId : ofPeriod;
            Integer lineNo = period.toString().equals(ledger.invoicePeriod) ? ledger.lineNo.get(correction.kind()) : null;
            rows.plain(runId).plain(l.adopterAgs()).plain(l.id()).number(l.contractId()).plain(period).plain(correction.kind())
                    .plain(correction.amount()).plain(days == null ? null : days.days()).number(period.days())
                    .plain(corrects).plain(lineNo).endRow();
            planned++;
        }
        return planned;
    }

    private Map<UUID, BigDecimal> costShares(BillingPeriod period, Iterable<ViewLicense> licenses,
            Map<Long, ContractTerms> contracts, Map<UUID, LicenseTimeline> timelines, Map<String, Long> inhabitants) {
        Map<Long, List<CostSharingAllocation.Candidate>> byContract = new HashMap<>();
        for (ViewLicense l : licenses) {
            if (contracts.get(l.contractId()).price() instanceof PriceTerms.CostSharing) {
                byContract.computeIfAbsent(l.contractId(), k -> new ArrayList<>()).add(new CostSharingAllocation.Candidate(
                        l.id().toString(), l.adopterAgs(), inhabitants.get(l.adopterAgs()),
                        BillableDays.of(period, timelines.get(l.id()))));
            }
        }
        Map<UUID, BigDecimal> shares = new HashMap<>();
        byContract.forEach((contract, candidates) -> {
            CostSharingAllocation allocation = CostSharingAllocation.allocate(
                    (PriceTerms.CostSharing) contracts.get(contract).price(), period, candidates);
            candidates.forEach(candidate -> shares.put(UUID.fromString(candidate.licenseId()),
                    allocation.shareOf(candidate.licenseId())));
        });
        return shares;
    }

    // --- reading -------------------------------------------------------------------------------------

    private List<EarlierRun> earlierRuns(Connection c, BillingPeriod period) throws SQLException {
        List<EarlierRun> runs = new ArrayList<>();
        BillingPeriod first = BillingPeriod.of(period.month().minusMonths(windowMonths).getYear(),
                period.month().minusMonths(windowMonths).getMonthValue());
        try (PreparedStatement s = c.prepareStatement("""
                select id, period, snapshot_at, snapshot_pruned_at from billing_run
                where state = ? and period >= ? and period < ? order by period""")) {
            s.setString(1, BillingRunState.COMPLETED.name());
            s.setString(2, first.toString());
            s.setString(3, period.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getTimestamp(4) != null) {
                        // Re-pricing it would take today's inhabitants for the ones its run fixed: refuse, loudly.
                        throw new IllegalStateException("the snapshot of the billing run for " + rs.getString(2)
                                + " was dropped, but the run for " + period + " would correct that period; "
                                + "billing.retention.keep-months is shorter than the correction window needs");
                    }
                    runs.add(new EarlierRun(rs.getObject(1, UUID.class), BillingPeriod.parse(rs.getString(2)),
                            rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return runs;
    }

    /** Activated licences of known municipalities whose facts, or whose municipality, billing learnt after {@code since}. */
    private static List<ViewLicense> changedSince(Connection c, Instant since) throws SQLException {
        List<ViewLicense> changed = new ArrayList<>();
        String columns = "select l.license_id, l.contract_id, l.adopter_ags, l.activated_on, l.ends_on, l.facts_changed_at, "
                + "m.registered_at from license l join municipality m on m.ags = l.adopter_ags where l.activated_on is not null";
        // Two statements, so each can use its index: changed licences are few, late municipalities fewer.
        read(c, columns + " and l.facts_changed_at > ?", since, changed);
        Set<UUID> seen = new HashSet<>();
        changed.forEach(l -> seen.add(l.id()));
        List<ViewLicense> ofLateMunicipalities = new ArrayList<>();
        read(c, columns + " and l.adopter_ags in (select ags from municipality where registered_at > ?)", since,
                ofLateMunicipalities);
        ofLateMunicipalities.stream().filter(l -> seen.add(l.id())).forEach(changed::add);
        return changed;
    }

    /** The cost-sharing plans' participants in the period as the facts stand now (known municipalities only). */
    private static List<ViewLicense> participants(Connection c, BillingPeriod period, Set<Long> contracts)
            throws SQLException {
        List<ViewLicense> participants = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select l.license_id, l.contract_id, l.adopter_ags, l.activated_on, l.ends_on, l.facts_changed_at,
                    m.registered_at
                from license l join municipality m on m.ags = l.adopter_ags
                where l.contract_id = any(?) and l.activated_on <= ? and (l.ends_on is null or l.ends_on >= ?)""")) {
            s.setArray(1, c.createArrayOf("bigint", contracts.toArray()));
            s.setObject(2, period.lastDay());
            s.setObject(3, period.firstDay());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    participants.add(viewLicense(rs));
                }
            }
        }
        return participants;
    }

    private static void read(Connection c, String sql, Instant since, List<ViewLicense> into) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    into.add(viewLicense(rs));
                }
            }
        }
    }

    private static ViewLicense viewLicense(ResultSet rs) throws SQLException {
        return new ViewLicense(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7).toInstant());
    }

    private void loadContracts(Connection c, Map<Long, ContractTerms> contracts, List<Long> ids) throws SQLException {
        Set<Long> missing = new HashSet<>(ids);
        missing.removeAll(contracts.keySet());
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("select id, terms from contract where id = any(?)")) {
            s.setArray(1, c.createArrayOf("bigint", missing.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    contracts.put(rs.getLong(1), RunInputs.contractTerms(json, rs.getString(2), rs.getLong(1)));
                }
            }
        }
    }

    private static Map<UUID, List<Suspension>> suspensions(Connection c, Set<UUID> licenses) throws SQLException {
        Map<UUID, List<Suspension>> suspensions = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "select license_id, suspended_on, resumed_on from license_suspension where license_id = any(?)")) {
            s.setArray(1, uuids(c, licenses));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    suspensions.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Suspension(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
                }
            }
        }
        return suspensions;
    }

    /** Inhabitants as the period's run fixed them; for a municipality it did not know, as billing knows them now. */
    private static Map<String, Long> inhabitants(Connection c, UUID runId, List<String> ags) throws SQLException {
        Map<String, Long> inhabitants = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select m.ags, coalesce(r.inhabitants, m.inhabitants) from municipality m
                left join billing_run_municipality r on r.run_id = ? and r.ags = m.ags
                where m.ags = any(?)""")) {
            s.setObject(1, runId);
            s.setArray(2, c.createArrayOf("varchar", ags.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    inhabitants.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return inhabitants;
    }

    /**
     * The ledger of these licences in the period: found through their adopters' invoices of the period and
     * after it (catch-up lines sit on later invoices), and the credit-note lines of earlier corrections.
     */
    private static Map<UUID, Ledger> ledgers(Connection c, BillingPeriod period, Iterable<ViewLicense> licenses)
            throws SQLException {
        Set<UUID> ids = new HashSet<>();
        Set<String> adopters = new HashSet<>();
        licenses.forEach(l -> {
            ids.add(l.id());
            adopters.add(l.adopterAgs());
        });
        Map<UUID, Ledger> ledgers = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select il.license_id, il.kind, il.net_amount, i.id, i.period, il.line_no, il.corrects_period
                from invoice i join invoice_line il on il.invoice_id = i.id
                where i.municipality_ags = any(?) and i.period >= ? and il.license_id = any(?)
                  and coalesce(il.corrects_period, i.period) = ?
                order by i.period""")) {
            s.setArray(1, c.createArrayOf("varchar", adopters.toArray()));
            s.setString(2, period.toString());
            s.setArray(3, uuids(c, ids));
            s.setString(4, period.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Ledger ledger = ledgers.computeIfAbsent(rs.getObject(1, UUID.class), k -> new Ledger());
                    LineKind kind = LineKind.valueOf(rs.getString(2));
                    ledger.billed.merge(new Repricing.Billed(rs.getObject(1, UUID.class).toString(), kind),
                            rs.getBigDecimal(3), BigDecimal::add);
                    String invoicePeriod = rs.getString(5);
                    boolean ofThePeriod = invoicePeriod.equals(period.toString());
                    if (ledger.invoiceId == null || !period.toString().equals(ledger.invoicePeriod)) {
                        ledger.invoiceId = rs.getObject(4, UUID.class);
                        ledger.invoicePeriod = invoicePeriod;
                    }
                    if (ofThePeriod && rs.getString(7) == null) {
                        ledger.lineNo.put(kind, rs.getInt(6));
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                select cl.license_id, cl.kind, sum(cl.net_amount) from credit_note_line cl
                join credit_note n on n.id = cl.credit_note_id
                where n.run_id is not null and cl.period = ? and cl.license_id = any(?) group by 1, 2""")) {
            s.setString(1, period.toString());
            s.setArray(2, uuids(c, ids));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Ledger ledger = ledgers.computeIfAbsent(rs.getObject(1, UUID.class), k -> new Ledger());
                    ledger.billed.merge(new Repricing.Billed(rs.getObject(1, UUID.class).toString(),
                            LineKind.valueOf(rs.getString(2))), rs.getBigDecimal(3).negate(), BigDecimal::add);
                }
            }
        }
        return ledgers;
    }

    private static Map<String, UUID> invoicesOf(Connection c, BillingPeriod period, Set<String> adopters)
            throws SQLException {
        Map<String, UUID> invoices = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "select municipality_ags, id from invoice where period = ? and municipality_ags = any(?)")) {
            s.setString(1, period.toString());
            s.setArray(2, c.createArrayOf("varchar", adopters.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    invoices.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
        }
        return invoices;
    }

    private static Array uuids(Connection c, Set<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }
}
