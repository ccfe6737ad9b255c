package de.kommunalmarkt.billing.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.balance.CreditBalances;
import de.kommunalmarkt.billing.pricing.BillableDays;
import de.kommunalmarkt.billing.pricing.BillableLicense;
import de.kommunalmarkt.billing.pricing.BillingPeriod;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.CostSharingAllocation;
import de.kommunalmarkt.billing.pricing.InvoiceCalculator;
import de.kommunalmarkt.billing.pricing.InvoiceDraft;
import de.kommunalmarkt.billing.pricing.DraftLine;
import de.kommunalmarkt.billing.pricing.LicenseTimeline;
import de.kommunalmarkt.billing.pricing.PriceTerms;
import de.kommunalmarkt.billing.pricing.VatGroup;
import de.kommunalmarkt.events.BillingRunCompleted;
import de.kommunalmarkt.events.InvoiceIssued;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Bills one period, set-based, on plain JDBC: the service and the benchmark run exactly this code.
 *
 * <ol>
 * <li>A run is opened once per period ({@code billing_run.period} is unique) with its issue and due date.
 * <li>Its first execution fixes the inputs: one {@code INSERT ... SELECT} each copies the billable licences,
 *     their suspensions and the directory (inhabitants, buyer data) into the run's snapshot tables.
 * <li>Every execution reads the snapshot into column arrays with one COPY, splits each cost-sharing pool
 *     among all its participants, then invoices the municipalities in AGS order, a batch per transaction:
 *     invoice numbers from the locked per-year counter, invoices, lines, VAT groups and InvoiceIssued
 *     outbox rows by COPY, and the run's progress (the last AGS done). The next batch is priced (and its
 *     line rows formatted) on a second thread while PostgreSQL writes the current one.
 * <li>A crash loses at most the uncommitted batch, numbers included; the next execution reads the same
 *     snapshot, computes the same shares and goes on after the last AGS done. The unique
 *     (municipality, period) constraint makes a second invoice impossible whatever happens.
 * <li>The last transaction marks the run COMPLETED and writes BillingRunCompleted to the outbox.
 * </ol>
 *
 * A PostgreSQL advisory lock, held by a separate connection for the whole execution, keeps a second
 * instance from executing the same run at the same time.
 */
public final class BillingRunEngine {

    private static final Logger LOG = Logger.getLogger(BillingRunEngine.class);
    private static final String CURRENCY = "EUR";
    /** {@code created_by} of the credit notes a run issues. */
    private static final String ISSUED_BY_RUN = "billing-run";

    /** What the engine is told by configuration. */
    public record Settings(int batchSize, int paymentTermsDays, int correctionWindowMonths,
            OptionalInt failAfterMunicipalities) {
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            if (correctionWindowMonths < 0) {
                throw new IllegalArgumentException("correction window must not be negative, got " + correctionWindowMonths);
            }
        }
    }

    /** Hears of committed work, e.g. to count invoices and to wake the outbox relay. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void batchCommitted(UUID runId, int invoices) {
        }

        default void runCompleted(UUID runId, Duration duration, long invoices) {
        }
    }

    /** How an execution ended. */
    public enum Outcome {
        /** This execution issued the remaining invoices and completed the run. */
        COMPLETED,
        /** Nothing to do: the run had been completed before. */
        ALREADY_COMPLETED,
        /** Another execution (on this or another instance) holds the run. */
        BUSY
    }

    /** Thrown by the failure hook of {@link Settings#failAfterMunicipalities()}. */
    public static final class InterruptedRunException extends RuntimeException {
        InterruptedRunException(String message) {
            super(message);
        }
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Settings settings;
    private final Listener listener;
    private final InvoiceCalculator calculator = new InvoiceCalculator();
    private final CorrectionPlanner corrections;

    public BillingRunEngine(DataSource dataSource, ObjectMapper json, Settings settings, Listener listener) {
        this.dataSource = dataSource;
        this.json = json;
        this.settings = settings;
        this.listener = listener;
        this.corrections = new CorrectionPlanner(json, settings.correctionWindowMonths());
    }

    /** The run of the period, created (RUNNING, to be executed) if there is none yet. */
    public UUID open(BillingPeriod period, String triggeredBy, LocalDate issueDate) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into billing_run (id, period, state, triggered_by, issue_date, due_date, created_at)
                    values (?, ?, 'RUNNING', ?, ?, ?, now()) on conflict (period) do nothing""")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, period.toString());
                insert.setString(3, triggeredBy);
                insert.setObject(4, issueDate);
                insert.setObject(5, issueDate.plusDays(settings.paymentTermsDays()));
                if (insert.executeUpdate() == 1) {
                    LOG.infof("Billing run for %s opened by %s", period, triggeredBy);
                }
            }
            try (PreparedStatement find = c.prepareStatement("select id from billing_run where period = ?")) {
                find.setString(1, period.toString());
                try (ResultSet rs = find.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        }
    }

    /** The runs left RUNNING, e.g. by a crashed instance. */
    public List<UUID> unfinishedRuns() throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select id from billing_run where state = 'RUNNING' order by period");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /** Executes (starts or resumes) the run until it is completed. */
    public Outcome execute(UUID runId) throws SQLException {
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, "pg_try_advisory_lock", runId)) {
                LOG.infof("Billing run %s is being executed elsewhere", runId);
                return Outcome.BUSY;
            }
            try {
                return executeLocked(runId);
            } catch (SQLException | RuntimeException e) {
                recordError(runId, e);
                throw e;
            } finally {
                advisoryLock(lock, "pg_advisory_unlock", runId);
            }
        }
    }

    private Outcome executeLocked(UUID runId) throws SQLException {
        long began = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Run run = Run.load(c, runId);
                if (run.completed()) {
                    c.commit();
                    return Outcome.ALREADY_COMPLETED;
                }
                update(c, "update billing_run set executions = executions + 1, started_at = coalesce(started_at, now()), "
                        + "last_error = null where id = ?", runId);
                c.commit();
                RunInputs inputs = run.snapshotAt() == null ? takeSnapshot(c, run) : RunInputs.load(c, runId, json,
                        "select license_id, contract_id, adopter_ags, activated_on, ends_on from billing_run_license "
                                + "where run_id = '" + runId + "'");
                RunCorrections corrections = RunCorrections.load(c, runId, inputs);
                inputs.alsoBill(corrections.municipalities());
                recordScope(c, run, inputs);
                LOG.infof("Billing run %s for %s: %d licences of %d municipalities, going on after %s (%d ms)", runId,
                        run.period(), inputs.licenseCount(), inputs.billedMunicipalities().length,
                        run.lastDoneAgs() == null ? "the start" : run.lastDoneAgs(), millisSince(began));
                long[] shares = costShares(run.period(), inputs);
                invoiceInBatches(c, run, inputs, corrections, shares);
                complete(c, run, began);
                return Outcome.COMPLETED;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    // --- 1. the snapshot -----------------------------------------------------------------------------

    /**
     * Fixes the run's inputs in one transaction and reads them on the way: the licences are inserted into
     * the snapshot by a {@code COPY (INSERT ... RETURNING ...)}, which hands the inserted rows straight to
     * the engine, so the first execution does not read its snapshot back.
     */
    private RunInputs takeSnapshot(Connection c, Run run) throws SQLException {
        long began = System.nanoTime();
        LocalDate first = run.period().firstDay();
        LocalDate last = run.period().lastDay();
        // Licences billable in the period: activated by its last day, not ended before its first.
        String billable = "l.activated_on <= '" + last + "' and (l.ends_on is null or l.ends_on >= '" + first + "')";
        // The whole directory as billing knows it now; a few thousand rows, cheaper than finding the adopters.
        update(c, """
                insert into billing_run_municipality (run_id, ags, name, inhabitants, leitweg_id, street, postal_code,
                    city, country_code, contact_email)
                select ?, ags, name, inhabitants, leitweg_id, street, postal_code, city, country_code, contact_email
                from municipality""", run.id());
        update(c, "insert into billing_run_suspension (run_id, license_id, suspended_on, resumed_on) "
                + "select ?, s.license_id, s.suspended_on, s.resumed_on from license_suspension s "
                + "join license l on l.license_id = s.license_id where " + billable
                + " and s.suspended_on <= ? and (s.resumed_on is null or s.resumed_on > ?)", run.id(), last, first);
        RunInputs inputs = RunInputs.load(c, run.id(), json, "insert into billing_run_license (run_id, license_id, "
                + "contract_id, adopter_ags, activated_on, ends_on) select '" + run.id() + "', l.license_id, l.contract_id, "
                + "l.adopter_ags, l.activated_on, l.ends_on from license l where " + billable
                + " returning license_id, contract_id, adopter_ags, activated_on, ends_on");
        int licenses = inputs.licenseCount() + inputs.licensesWithoutMunicipality();
        corrections.plan(c, run.id(), run.period());
        update(c, "update billing_run set snapshot_at = now(), licenses_total = ? where id = ?", licenses, run.id());
        c.commit();
        LOG.infof("Billing run %s for %s fixed its inputs: %d billable licences, %d municipalities in the directory (%d ms)",
                run.id(), run.period(), licenses, inputs.ags.length, millisSince(began));
        return inputs;
    }

    /** Records what the snapshot holds: municipalities to invoice, licences it cannot bill. */
    private void recordScope(Connection c, Run run, RunInputs inputs) throws SQLException {
        update(c, "update billing_run set municipalities_total = ?, licenses_skipped = ? where id = ?",
                inputs.billedMunicipalities().length, inputs.licensesWithoutMunicipality(), run.id());
        c.commit();
        if (inputs.licensesWithoutMunicipality() > 0) {
            LOG.warnf("Billing run %s for %s: %d billable licences belong to municipalities billing does not know "
                    + "(no MunicipalityRegistered yet); they are not invoiced by this run", run.id(), run.period(),
                    inputs.licensesWithoutMunicipality());
        }
    }

    // --- 2. cost sharing across all participants -----------------------------------------------------

    /** Each cost-sharing licence's rounded share in cents, from one allocation per plan over all its participants. */
    private long[] costShares(BillingPeriod period, RunInputs inputs) {
        long[] shares = new long[inputs.licenseCount()];
        Map<Integer, List<Integer>> byContract = new HashMap<>();
        for (int license = 0; license < inputs.licenseCount(); license++) {
            int contract = inputs.contractOf[license];
            if (inputs.models[contract] == PriceModel.COST_SHARING) {
                byContract.computeIfAbsent(contract, k -> new ArrayList<>()).add(license);
            }
        }
        // Plans are independent of each other, and PostgreSQL idles meanwhile: use every core.
        byContract.entrySet().parallelStream().forEach(entry -> {
            int contract = entry.getKey();
            List<Integer> licenses = entry.getValue();
            List<CostSharingAllocation.Candidate> candidates = new ArrayList<>(licenses.size());
            for (int license : licenses) {
                int municipality = inputs.municipalityOf[license];
                candidates.add(new CostSharingAllocation.Candidate(inputs.licenseId(license), inputs.ags[municipality],
                        inputs.inhabitants[municipality], BillableDays.of(period, timeline(inputs, license))));
            }
            CostSharingAllocation allocation = CostSharingAllocation.allocate(
                    (PriceTerms.CostSharing) inputs.terms[contract].price(), period, candidates);
            for (int i = 0; i < licenses.size(); i++) {
                shares[licenses.get(i)] = allocation.shareOf(candidates.get(i).licenseId()).movePointRight(2).longValueExact();
            }
        });
        return shares;
    }

    private static LicenseTimeline timeline(RunInputs inputs, int license) {
        return new LicenseTimeline(inputs.activatedOn(license), inputs.endsOn(license), inputs.suspensionsOf(license));
    }

    // --- 3. invoices, a batch of municipalities per transaction --------------------------------------

    /**
     * One invoice of a municipality as computed (null when it has neither a charge of the period nor a catch-up)
     * with the municipality's credit notes, one per corrected invoice (on the first of its invoices only).
     */
    private record Priced(int municipality, UUID invoiceId, InvoiceDraft draft, List<CreditNote> creditNotes,
            VatScope vatScope) {
    }

    /** Invoices of one adopter and period, one per scope: EN 16931 keeps lines not subject to VAT apart. */
    enum VatScope {
        TAXABLE, OUT_OF_SCOPE
    }

    /** A credit note correcting one invoice, its lines in the order of {@code rows}. */
    private record CreditNote(UUID id, RunCorrections.Row corrects, InvoiceDraft draft, List<RunCorrections.Row> rows) {
    }

    /**
     * A batch of municipalities (positions {@code from..to} of the billed ones), priced, with its line and
     * VAT rows already in COPY form: only numbering and writing are left for the transaction.
     */
    private record Batch(int from, int to, List<Priced> invoices, CopyText lineRows, CopyText vatRows, int lines) {
    }

    private void invoiceInBatches(Connection c, Run run, RunInputs inputs, RunCorrections corrections, long[] shares)
            throws SQLException {
        int[] billed = inputs.billedMunicipalities();
        int from = inputs.firstAfter(run.lastDoneAgs());
        int doneNow = 0;
        ExecutorService pricing = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "billing-run-pricing");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Batch> next = from < billed.length
                    ? pricing.submit(() -> price(run, inputs, corrections, shares, from, batchEnd(from, billed.length)))
                    : null;
            while (next != null) {
                Batch batch = await(next);
                next = batch.to() < billed.length
                        ? pricing.submit(() -> price(run, inputs, corrections, shares, batch.to(),
                                batchEnd(batch.to(), billed.length)))
                        : null;
                int municipalities = batch.to() - batch.from();
                write(c, run, inputs, batch, doneNow + municipalities);
                doneNow += municipalities;
                listener.batchCommitted(run.id(), (int) batch.invoices().stream().filter(p -> p.draft() != null).count());
                LOG.debugf("Billing run %s: %d of %d municipalities done", run.id(), batch.to(), billed.length);
            }
        } finally {
            pricing.shutdownNow();
        }
    }

    private int batchEnd(int from, int total) {
        return Math.min(total, from + settings.batchSize());
    }

    private Batch price(Run run, RunInputs inputs, RunCorrections corrections, long[] shares, int from, int to) {
        int[] billed = inputs.billedMunicipalities();
        List<Priced> invoices = new ArrayList<>();
        CopyText lineRows = new CopyText("invoice_line (invoice_id, line_no, license_id, contract_id, kind, "
                + "billable_days, period_days, net_amount, vat_category, vat_rate, corrects_period, corrects_invoice)",
                (to - from) * 100 * 120);
        CopyText vatRows = new CopyText("invoice_vat (invoice_id, group_no, vat_category, vat_rate, exemption_reason, "
                + "net_amount, vat_amount)", (to - from) * 160);
        int lineCount = 0;
        for (int position = from; position < to; position++) {
            int municipality = billed[position];
            int first = inputs.start[municipality];
            int end = inputs.start[municipality + 1];
            List<BillableLicense> licenses = new ArrayList<>(end - first);
            for (int i = first; i < end; i++) {
                int license = inputs.byMunicipality[i];
                ContractTerms terms = inputs.terms[inputs.contractOf[license]];
                String id = inputs.licenseId(license);
                long inhabitants = inputs.inhabitants[municipality];
                LicenseTimeline timeline = timeline(inputs, license);
                licenses.add(terms.price() instanceof PriceTerms.CostSharing
                        ? BillableLicense.costSharing(id, terms, inhabitants, timeline, BigDecimal.valueOf(shares[license], 2))
                        : BillableLicense.priced(id, terms, inhabitants, timeline));
            }
            List<RunCorrections.Row> catchUps = new ArrayList<>();
            Map<UUID, List<RunCorrections.Row>> credits = new LinkedHashMap<>();
            for (RunCorrections.Row correction : corrections.of(municipality)) {
                if (correction.catchUp()) {
                    catchUps.add(correction);
                } else {
                    credits.computeIfAbsent(correction.correctsInvoice(), invoice -> new ArrayList<>()).add(correction);
                }
            }
            List<CreditNote> creditNotes = new ArrayList<>();
            credits.forEach((invoice, rows) -> creditNotes.add(new CreditNote(UUID.randomUUID(), rows.get(0),
                    InvoiceDraft.of(rows.stream().map(row -> row.line(termsOf(inputs, row))).toList()), rows)));
            Optional<InvoiceDraft> calculated = calculator.calculate(run.period(), licenses,
                    catchUps.stream().map(row -> row.line(termsOf(inputs, row))).toList());
            if (calculated.isEmpty()) {
                if (!creditNotes.isEmpty()) {
                    invoices.add(new Priced(municipality, null, null, creditNotes, null));
                }
                continue;
            }
            InvoiceDraft draft = calculated.get();
            // Each line's contract and, for a catch-up, the correction it issues.
            List<Long> contractOfLine = new ArrayList<>(draft.lines().size());
            List<RunCorrections.Row> catchUpOfLine = new ArrayList<>(draft.lines().size());
            int cursor = first;
            int ownLines = draft.lines().size() - catchUps.size();
            for (int l = 0; l < draft.lines().size(); l++) {
                RunCorrections.Row catchUp = l < ownLines ? null : catchUps.get(l - ownLines);
                if (catchUp == null) {
                    // Lines come in the order of the licences given, so each line's licence is found going forward.
                    while (!licenses.get(cursor - first).licenseId().equals(draft.lines().get(l).licenseId())) {
                        cursor++;
                    }
                    contractOfLine.add(inputs.contractIds[inputs.contractOf[inputs.byMunicipality[cursor]]]);
                } else {
                    contractOfLine.add(catchUp.contractId());
                }
                catchUpOfLine.add(catchUp);
            }
            // EN 16931 (BR-O-11 to BR-O-14): lines not subject to VAT (O) never share an invoice with others, so
            // such an adopter gets one invoice for each VAT scope.
            List<Integer> taxable = new ArrayList<>();
            List<Integer> outOfScope = new ArrayList<>();
            for (int l = 0; l < draft.lines().size(); l++) {
                (draft.lines().get(l).vatCategory() == VatCategory.O ? outOfScope : taxable).add(l);
            }
            List<List<Integer>> scopes = taxable.isEmpty() || outOfScope.isEmpty()
                    ? List.of(taxable.isEmpty() ? outOfScope : taxable) : List.of(taxable, outOfScope);
            for (List<Integer> scope : scopes) {
                InvoiceDraft part = scopes.size() == 1 ? draft
                        : InvoiceDraft.of(scope.stream().map(l -> draft.lines().get(l)).toList());
                UUID invoiceId = UUID.randomUUID();
                String invoiceKey = invoiceId.toString();
                for (int n = 0; n < scope.size(); n++) {
                    int l = scope.get(n);
                    DraftLine line = draft.lines().get(l);
                    RunCorrections.Row catchUp = catchUpOfLine.get(l);
                    lineRows.plain(invoiceKey).number(n + 1).plain(line.licenseId()).number(contractOfLine.get(l))
                            .plain(line.kind()).plain(line.billableDays() == null ? null : line.billableDays().days())
                            .number(line.correctsPeriod() == null ? run.period().days() : line.correctsPeriod().days())
                            .plain(line.netAmount()).plain(line.vatCategory()).plain(line.vatRate())
                            .plain(line.correctsPeriod()).plain(catchUp == null ? null : catchUp.correctsInvoice()).endRow();
                }
                for (int g = 0; g < part.vatGroups().size(); g++) {
                    VatGroup group = part.vatGroups().get(g);
                    vatRows.plain(invoiceKey).number(g + 1).plain(group.category()).plain(group.rate())
                            .text(group.exemptionReason()).plain(group.net()).plain(group.vat()).endRow();
                }
                lineCount += part.lines().size();
                invoices.add(new Priced(municipality, invoiceId, part, scope == scopes.get(0) ? creditNotes : List.of(),
                        scope == outOfScope ? VatScope.OUT_OF_SCOPE : VatScope.TAXABLE));
            }
        }
        return new Batch(from, to, invoices, lineRows, vatRows, lineCount);
    }

    private static String correctionReason(Run run, CreditNote note) {
        String periods = String.join(", ", note.rows().stream().map(row -> row.period().toString()).distinct().toList());
        return "Korrektur " + periods + " nach nachträglich bekannt gewordenen Abrechnungsdaten (Abrechnungslauf "
                + run.period() + ")";
    }

    private static ContractTerms termsOf(RunInputs inputs, RunCorrections.Row correction) {
        return inputs.terms[inputs.contract(correction.contractId())];
    }

    private void write(Connection c, Run run, RunInputs inputs, Batch batch, int doneInThisExecution) throws SQLException {
        List<Priced> invoices = batch.invoices();
        int year = run.issueDate().getYear();
        int documents = 0;
        for (Priced priced : invoices) {
            documents += (priced.draft() == null ? 0 : 1) + priced.creditNotes().size();
        }
        long nextNumber = InvoiceNumbers.reserve(c, year, documents);
        CreditNoteRows creditNotes = new CreditNoteRows(run.id(), run.issueDate(), ISSUED_BY_RUN);
        CopyText invoiceRows = new CopyText("invoice (id, number, run_id, period, municipality_ags, buyer_name, "
                + "buyer_street, buyer_postal_code, buyer_city, buyer_country_code, buyer_email, leitweg_id, issue_date, "
                + "due_date, net_total, vat_total, gross_total, currency, line_count, vat_scope)", invoices.size() * 400);
        OutboxRows events = new OutboxRows(json, invoices.size());
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        String period = run.period().toString();
        int invoiceCount = 0;
        for (Priced priced : invoices) {
            String ags = inputs.ags[priced.municipality()];
            for (CreditNote note : priced.creditNotes()) {
                String number = InvoiceNumbers.format(year, nextNumber++);
                events.add(creditNotes.add(note.id(), number, ags, note.corrects().correctsInvoice(),
                        note.corrects().correctsInvoiceNumber(), correctionReason(run, note), note.draft(),
                        note.rows().stream().map(row -> new CreditNoteRows.LineSource(row.contractId(), row.correctsLineNo()))
                                .toList()));
            }
            InvoiceDraft draft = priced.draft();
            if (draft == null) {
                continue;
            }
            invoiceCount++;
            String number = InvoiceNumbers.format(year, nextNumber++);
            RunInputs.Buyer buyer = inputs.buyers[priced.municipality()];
            invoiceRows.plain(priced.invoiceId()).plain(number).plain(run.id()).plain(period).plain(ags).text(buyer.name())
                    .text(buyer.street()).text(buyer.postalCode()).text(buyer.city()).text(buyer.countryCode())
                    .text(buyer.email()).text(buyer.leitwegId()).date(run.issueDate()).date(run.dueDate())
                    .plain(draft.net()).plain(draft.vat()).plain(draft.gross()).plain(CURRENCY)
                    .number(draft.lines().size()).plain(priced.vatScope()).endRow();
            events.add(new InvoiceIssued(priced.invoiceId().toString(), number, ags, period, run.issueDate(),
                    run.dueDate(), draft.net(), draft.vat(), draft.gross(), CURRENCY, run.id().toString()));
            net = net.add(draft.net());
            gross = gross.add(draft.gross());
        }
        invoiceRows.copyInto(c);
        batch.lineRows().copyInto(c);
        batch.vatRows().copyInto(c);
        creditNotes.writeTo(c);
        events.writeTo(c);
        // Credit balances pay the invoices just written, in their transaction: no offset without its invoice.
        CreditBalances.offsetAgainst(c, invoices.stream().map(Priced::invoiceId)
                .filter(java.util.Objects::nonNull).toList());
        int[] billed = inputs.billedMunicipalities();
        update(c, "update billing_run set municipalities_done = ?, last_done_ags = ?, "
                + "invoices_issued = invoices_issued + ?, lines_issued = lines_issued + ?, net_total = net_total + ?, "
                + "gross_total = gross_total + ?, credit_notes_issued = credit_notes_issued + ? where id = ?", batch.to(),
                inputs.ags[billed[batch.to() - 1]], invoiceCount, batch.lines(), net, gross, creditNotes.count(), run.id());
        OptionalInt failAfter = settings.failAfterMunicipalities();
        if (failAfter.isPresent() && doneInThisExecution > failAfter.getAsInt()) {
            throw new InterruptedRunException("billing run " + run.id() + " interrupted on purpose after "
                    + failAfter.getAsInt() + " municipalities (billing.run.fail-after-municipalities)");
        }
        c.commit();
    }

    // --- 4. completion ------------------------------------------------------------------------------

    private void complete(Connection c, Run run, long began) throws SQLException {
        Instant completedAt = Instant.now();
        long invoices;
        Instant startedAt;
        try (PreparedStatement s = c.prepareStatement("select invoices_issued, started_at from billing_run where id = ?")) {
            s.setObject(1, run.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                invoices = rs.getLong(1);
                startedAt = rs.getTimestamp(2).toInstant();
            }
        }
        update(c, "update billing_run set state = 'COMPLETED', completed_at = ? where id = ?", Timestamp.from(completedAt),
                run.id());
        new OutboxRows(json, 1).add(new BillingRunCompleted(run.id().toString(), run.period().toString(), invoices,
                startedAt, completedAt)).writeTo(c);
        c.commit();
        Duration duration = Duration.between(startedAt, completedAt);
        listener.runCompleted(run.id(), duration, invoices);
        LOG.infof("Billing run %s for %s completed: %d invoices; this execution took %d ms", run.id(), run.period(),
                invoices, millisSince(began));
    }

    // --- plumbing -----------------------------------------------------------------------------------

    /** The run row as an execution starts. */
    private record Run(UUID id, BillingPeriod period, String state, LocalDate issueDate, LocalDate dueDate,
            Instant snapshotAt, String lastDoneAgs) {

        boolean completed() {
            return "COMPLETED".equals(state);
        }

        static Run load(Connection c, UUID id) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("select period, state, issue_date, due_date, snapshot_at, "
                    + "last_done_ags from billing_run where id = ? for update")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no billing run " + id);
                    }
                    Timestamp snapshotAt = rs.getTimestamp(5);
                    return new Run(id, BillingPeriod.parse(rs.getString(1)), rs.getString(2),
                            rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                            snapshotAt == null ? null : snapshotAt.toInstant(), rs.getString(6));
                }
            }
        }
    }

    private void recordError(UUID runId, Exception error) {
        LOG.errorf(error, "Billing run %s stopped; it resumes on the next start of the run or of the service", runId);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("update billing_run set last_error = ? where id = ?")) {
            s.setString(1, String.valueOf(error.getMessage()));
            s.setObject(2, runId);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Could not record the error of billing run %s: %s", runId, e);
        }
    }

    private static boolean advisoryLock(Connection c, String function, UUID runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + function + "(?)")) {
            s.setLong(1, runId.getMostSignificantBits() ^ runId.getLeastSignificantBits());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            return s.executeUpdate();
        }
    }

    private static int count(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
    }

    private static Batch await(Future<Batch> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("billing run interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("pricing a batch failed", e.getCause());
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
