package de.kommunalmarkt.billing.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.LicenseTimeline;
import de.kommunalmarkt.billing.pricing.Suspension;
import de.kommunalmarkt.common.jdbc.CopyText;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PriceModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A run's snapshot in memory, as column arrays: the directory ordered by AGS, and per municipality its
 * licences ordered by licence id (so lines come out in the same order on every execution). About 50
 * bytes per licence, read with one COPY.
 */
final class RunInputs {

    static final int OPEN_END = Integer.MAX_VALUE;

    /** Municipalities, ordered by AGS; index = municipality number. */
    final String[] ags;
    final long[] inhabitants;
    final Buyer[] buyers;

    /** Contracts; index = contract number. */
    final long[] contractIds;
    final PriceModel[] models;
    final ContractTerms[] terms;

    /** Licences; index = licence number. */
    final long[] idHigh;
    final long[] idLow;
    final int[] contractOf;
    final int[] municipalityOf;
    final int[] activatedOn;
    final int[] endsOn;
    /** Per licence number its suspensions in the period, null for the many without. */
    private final List<Suspension>[] suspensions;

    /** Licence numbers grouped by municipality: those of municipality m are byMunicipality[start[m] .. start[m+1]). */
    final int[] byMunicipality;
    final int[] start;

    /** Contract number by contract id. */
    private final int[] contractIndex;

    /** The municipalities with at least one licence or correction, in AGS order: those the run invoices. */
    private int[] billed;
    private final int licensesWithoutMunicipality;

    /** The municipality as the invoice names its buyer (BG-7), fixed with the run. */
    record Buyer(String name, String street, String postalCode, String city, String countryCode, String email,
            String leitwegId) {
    }

    private RunInputs(String[] ags, long[] inhabitants, Buyer[] buyers, long[] contractIds, int[] contractIndex,
            PriceModel[] models, ContractTerms[] terms, long[] idHigh, long[] idLow, int[] contractOf,
            int[] municipalityOf, int[] activatedOn, int[] endsOn, List<Suspension>[] suspensions,
            int licensesWithoutMunicipality) {
        this.ags = ags;
        this.inhabitants = inhabitants;
        this.buyers = buyers;
        this.contractIds = contractIds;
        this.contractIndex = contractIndex;
        this.models = models;
        this.terms = terms;
        this.idHigh = idHigh;
        this.idLow = idLow;
        this.contractOf = contractOf;
        this.municipalityOf = municipalityOf;
        this.activatedOn = activatedOn;
        this.endsOn = endsOn;
        this.suspensions = suspensions;
        this.licensesWithoutMunicipality = licensesWithoutMunicipality;
        this.start = new int[ags.length + 1];
        this.byMunicipality = groupByMunicipality();
        this.billed = IntStream.range(0, ags.length).filter(m -> start[m + 1] > start[m]).toArray();
    }

    /** Adds municipalities that have corrections but no licence billable in the period. */
    void alsoBill(int[] municipalities) {
        billed = IntStream.concat(IntStream.of(billed), IntStream.of(municipalities)).distinct().sorted().toArray();
    }

    /** The municipality number of the AGS, or -1 if the run's directory does not hold it. */
    int municipality(String agsOf) {
        int found = Arrays.binarySearch(ags, agsOf);
        return found < 0 ? -1 : found;
    }

    /** The contract number of a contract id. */
    int contract(long contractId) {
        return contractIndex[(int) contractId];
    }

    int licenseCount() {
        return idHigh.length;
    }

    int[] billedMunicipalities() {
        return billed;
    }

    /** Billable licences of municipalities missing from the directory: they cannot be invoiced. */
    int licensesWithoutMunicipality() {
        return licensesWithoutMunicipality;
    }

    String licenseId(int license) {
        return new UUID(idHigh[license], idLow[license]).toString();
    }

    LocalDate activatedOn(int license) {
        return LocalDate.ofEpochDay(activatedOn[license]);
    }

    LocalDate endsOn(int license) {
        return endsOn[license] == OPEN_END ? null : LocalDate.ofEpochDay(endsOn[license]);
    }

    private List<Suspension> suspensionsOf(int license) {
        List<Suspension> own = suspensions[license];
        return own == null ? List.of() : own;
    }

    /** The licence's activation, end and suspensions, as pricing reads them. */
    LicenseTimeline timeline(int license) {
        return new LicenseTimeline(activatedOn(license), endsOn(license), suspensionsOf(license));
    }

    /**
     * The position among the {@linkplain #billedMunicipalities() billed municipalities} of the first whose AGS
     * sorts after {@code lastDoneAgs} (0 for null): where a resumed run goes on.
     */
    int firstAfter(String lastDoneAgs) {
        if (lastDoneAgs == null) {
            return 0;
        }
        int position = 0;
        while (position < billed.length && ags[billed[position]].compareTo(lastDoneAgs) <= 0) {
            position++;
        }
        return position;
    }

    /**
     * Reads the run's directory and suspensions from the snapshot, every contract, and the licences that
     * {@code licenseQuery} yields (columns license_id, contract_id, adopter_ags, activated_on, ends_on).
     */
    static RunInputs load(Connection c, UUID runId, ObjectMapper json, String licenseQuery, long expectedLicenses)
            throws SQLException {
        List<String> agsRows = new ArrayList<>();
        List<Long> inhabitantRows = new ArrayList<>();
        List<Buyer> buyerRows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select ags, inhabitants, name, street, postal_code, city, country_code, contact_email, leitweg_id
                from billing_run_municipality where run_id = ? order by ags""")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    agsRows.add(rs.getString(1));
                    inhabitantRows.add(rs.getLong(2));
                    buyerRows.add(new Buyer(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
        }
        String[] ags = agsRows.toArray(String[]::new);
        long[] inhabitants = inhabitantRows.stream().mapToLong(Long::longValue).toArray();
        // Every AGS has 8 digits, so numeric order is the text order: licences find their municipality
        // by binary search without a String per row.
        int[] agsNumbers = agsRows.stream().mapToInt(Integer::parseInt).toArray();

        List<Long> contractIdRows = new ArrayList<>();
        List<PriceModel> modelRows = new ArrayList<>();
        List<ContractTerms> termRows = new ArrayList<>();
        long maxContractId = 0;
        try (PreparedStatement s = c.prepareStatement("select id, price_model, terms from contract order by id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                maxContractId = Math.max(maxContractId, id);
                contractIdRows.add(id);
                modelRows.add(PriceModel.valueOf(rs.getString(2)));
                termRows.add(contractTerms(json, rs.getString(3), id));
            }
        }
        int[] contractIndex = new int[(int) maxContractId + 1];
        long[] contractIds = contractIdRows.stream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < contractIds.length; i++) {
            contractIndex[(int) contractIds[i]] = i;
        }

        Map<UUID, List<Suspension>> suspendedById = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "select license_id, suspended_on, resumed_on from billing_run_suspension where run_id = ?")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDate resumedOn = rs.getObject(3, LocalDate.class);
                    suspendedById.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new Suspension(rs.getObject(2, LocalDate.class), resumedOn));
                }
            }
        }

        LicenseColumns licenses = new LicenseColumns(expectedLicenses);
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + licenseQuery + ") TO STDOUT");
        long[] uuid = new long[2];
        Map<Integer, List<Suspension>> suspended = new HashMap<>();
        int withoutMunicipality = 0;
        byte[] line;
        while ((line = copy.readFromCopy()) != null) {
            CopyText.Row row = new CopyText.Row(line);
            row.nextUuid(uuid);
            int contract = contractIndex[(int) row.nextLong()];
            int municipality = Arrays.binarySearch(agsNumbers, (int) row.nextLong());
            if (municipality < 0) {
                withoutMunicipality++;
                continue;
            }
            int license = licenses.add(uuid[0], uuid[1], contract, municipality, row.nextEpochDay(OPEN_END),
                    row.nextEpochDay(OPEN_END));
            if (!suspendedById.isEmpty()) {
                List<Suspension> own = suspendedById.get(new UUID(uuid[0], uuid[1]));
                if (own != null) {
                    suspended.put(license, own);
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<Suspension>[] suspensions = new List[licenses.size];
        suspended.forEach((license, own) -> suspensions[license] = own);
        return new RunInputs(ags, inhabitants, buyerRows.toArray(Buyer[]::new), contractIds, contractIndex,
                modelRows.toArray(PriceModel[]::new), termRows.toArray(ContractTerms[]::new),
                licenses.trimmed(licenses.high), licenses.trimmed(licenses.low), licenses.trimmed(licenses.contract),
                licenses.trimmed(licenses.municipality), licenses.trimmed(licenses.activated),
                licenses.trimmed(licenses.ends), suspensions, withoutMunicipality);
    }

    /** A contract's stored terms (the LicenseGranted terms as JSON) as billing prices them. */
    static ContractTerms contractTerms(ObjectMapper json, String terms, long contractId) {
        try {
            return ContractTerms.frozen(json.readValue(terms, PlanTerms.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("terms of contract " + contractId + " are not readable", e);
        }
    }

    /** Counting sort by municipality, then by licence id within each municipality. */
    private int[] groupByMunicipality() {
        int n = licenseCount();
        for (int license = 0; license < n; license++) {
            start[municipalityOf[license] + 1]++;
        }
        for (int m = 0; m < ags.length; m++) {
            start[m + 1] += start[m];
        }
        int[] grouped = new int[n];
        int[] next = Arrays.copyOf(start, ags.length);
        for (int license = 0; license < n; license++) {
            grouped[next[municipalityOf[license]]++] = license;
        }
        int[] scratch = new int[n];
        for (int m = 0; m < ags.length; m++) {
            mergeSortById(grouped, scratch, start[m], start[m + 1]);
        }
        return grouped;
    }

    private void mergeSortById(int[] a, int[] scratch, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSortById(a, scratch, from, middle);
        mergeSortById(a, scratch, middle, to);
        System.arraycopy(a, from, scratch, from, to - from);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || (left < middle && compareIds(scratch[left], scratch[right]) <= 0)) {
                a[i] = scratch[left++];
            } else {
                a[i] = scratch[right++];
            }
        }
    }

    /** Orders as the UUIDs' text does (PostgreSQL's uuid order): unsigned, high half first. */
    private int compareIds(int a, int b) {
        int high = Long.compareUnsigned(idHigh[a], idHigh[b]);
        return high != 0 ? high : Long.compareUnsigned(idLow[a], idLow[b]);
    }

    /**
     * Growable primitive columns while the COPY is read, sized for the expected count (plus a little): at ten
     * million licences, doubling from a small start would hold the old and the new arrays at once, and trimming
     * would copy every column again.
     */
    private static final class LicenseColumns {
        long[] high;
        long[] low;
        int[] contract;
        int[] municipality;
        int[] activated;
        int[] ends;
        int size;

        LicenseColumns(long expected) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024, expected + expected / 32));
            high = new long[capacity];
            low = new long[capacity];
            contract = new int[capacity];
            municipality = new int[capacity];
            activated = new int[capacity];
            ends = new int[capacity];
        }

        int add(long idHigh, long idLow, int contractIndex, int municipalityIndex, int activatedOn, int endsOn) {
            if (size == high.length) {
                int capacity = size + size / 2;
                high = Arrays.copyOf(high, capacity);
                low = Arrays.copyOf(low, capacity);
                contract = Arrays.copyOf(contract, capacity);
                municipality = Arrays.copyOf(municipality, capacity);
                activated = Arrays.copyOf(activated, capacity);
                ends = Arrays.copyOf(ends, capacity);
            }
            high[size] = idHigh;
            low[size] = idLow;
            contract[size] = contractIndex;
            municipality[size] = municipalityIndex;
            activated[size] = activatedOn;
            ends[size] = endsOn;
            return size++;
        }

        long[] trimmed(long[] column) {
            return column.length == size ? column : Arrays.copyOf(column, size);
        }

        int[] trimmed(int[] column) {
            return column.length == size ? column : Arrays.copyOf(column, size);
        }
    }
}
