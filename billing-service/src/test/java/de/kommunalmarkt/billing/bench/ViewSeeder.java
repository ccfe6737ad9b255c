package de.kommunalmarkt.billing.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.kommunalmarkt.common.json.StrictJsonCustomizer;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.CostSharingKey;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PriceModel;
import de.kommunalmarkt.events.Tier;
import de.kommunalmarkt.infra.EmbeddedPostgresServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Billing's view tables filled directly by COPY, deterministically from a seed: municipalities (log-normal
 * inhabitants), 1,200 solutions of 400 providers with one plan each (20 % cost sharing over all three keys,
 * 30 % flat, 20 % per inhabitant, 20 % tiered, 10 % free; setup fees; VAT S 19 %, S 7 % and E) and active
 * licences with a Zipf-like popularity, 3 % activated in 2026-10, 2 % ending in it, 0.5 % suspended. The same
 * arguments give the same rows, so two databases seeded alike bill alike. Used by the benchmark and by the
 * tests that bill one data set twice (two instances against one, pruned against kept).
 */
public final class ViewSeeder {

    static final BillingPeriod PERIOD = BillingPeriod.of(2026, 10);
    private static final int SOLUTIONS = 1_200;
    private static final int PROVIDERS = 400;

    private final int licences;
    private final int municipalities;
    private final Random random;
    private final ObjectMapper json;

    public ViewSeeder(int licences, int municipalities, long seed) {
        this.licences = licences;
        this.municipalities = municipalities;
        this.random = new Random(seed);
        this.json = objectMapper();
    }

    /** The JSON mapper as the service configures it. */
    public static ObjectMapper objectMapper() {
        ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
        new StrictJsonCustomizer().customize(json);
        return json;
    }

    /** A data source on {@code database} of the embedded server, migrated with the service's Flyway scripts. */
    public static PGSimpleDataSource migrated(EmbeddedPostgresServer postgres, String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl(database));
        dataSource.setUser(EmbeddedPostgresServer.USER);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/common").load().migrate();
        return dataSource;
    }

    // --- seeding billing's view tables ----------------------------------------------------------------

    public void seed(DataSource dataSource) throws SQLException, IOException {
        String[] ags = new String[municipalities];
        try (Connection c = dataSource.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder rows = new StringBuilder();
            for (int m = 0; m < municipalities; m++) {
                ags[m] = String.format("%02d%06d", 1 + m % 16, 1000 + (m / 16) * 13);
                long inhabitants = Math.max(150, Math.min(3_700_000, Math.round(Math.exp(8.6 + 1.25 * random.nextGaussian()))));
                rows.append(ags[m]).append("\tGemeinde ").append(m).append('\t').append(inhabitants)
                        .append("\t04011000-1234512345-06\tRathausplatz 1\t12345\tGemeinde ").append(m)
                        .append("\tDE\trechnung@").append(ags[m]).append(".example\t2026-01-01T00:00:00Z\t2026-01-01T00:00:00Z\n");
            }
            copy(copy, "municipality (ags, name, inhabitants, leitweg_id, street, postal_code, city, country_code, "
                    + "contact_email, updated_at, registered_at)", rows);

            for (int s = 0; s < SOLUTIONS; s++) {
                PlanTerms plan = plan(s);
                rows.append(plan.planId()).append('\t').append(plan.name()).append("\tsolution-").append(s)
                        .append("\tLösung ").append(s).append('\t').append(ags[s % PROVIDERS]).append('\t')
                        .append(plan.model()).append('\t').append(json.writeValueAsString(plan).replace("\\", "\\\\"))
                        .append('\n');
            }
            copy(copy, "contract (plan_id, plan_name, solution_id, solution_name, provider_ags, price_model, terms)", rows);

            int[] adopters = adoptersPerSolution();
            int[] shuffled = new int[municipalities];
            for (int m = 0; m < municipalities; m++) {
                shuffled[m] = m;
            }
            StringBuilder suspensions = new StringBuilder();
            int written = 0;
            for (int s = 0; s < SOLUTIONS; s++) {
                for (int i = 0; i < adopters[s]; i++) {
                    // a partial Fisher-Yates shuffle: distinct adopters for each solution
                    int pick = i + random.nextInt(municipalities - i);
                    int m = shuffled[pick];
                    shuffled[pick] = shuffled[i];
                    shuffled[i] = m;
                    UUID licenseId = new UUID(random.nextLong(), random.nextLong());
                    rows.append(licenseId).append('\t').append(s + 1).append('\t').append(ags[m])
                            .append("\t2024-01-01T00:00:00Z\t").append(activation()).append('\t').append(end())
                            .append("\t2024-01-01T00:00:00Z\n");
                    if (random.nextInt(200) == 0) {
                        suspensions.append(licenseId).append("\t2026-10-10\t")
                                .append(random.nextBoolean() ? "2026-10-20" : "\\N").append('\n');
                    }
                    if (++written % 100_000 == 0) {
                        copy(copy, "license (license_id, contract_id, adopter_ags, granted_at, activated_on, ends_on, facts_changed_at)", rows);
                    }
                }
            }
            copy(copy, "license (license_id, contract_id, adopter_ags, granted_at, activated_on, ends_on, facts_changed_at)", rows);
            copy(copy, "license_suspension (license_id, suspended_on, resumed_on)", suspensions);
            execute(c, "vacuum analyze municipality");
            execute(c, "vacuum analyze contract");
            execute(c, "vacuum analyze license");
            execute(c, "vacuum analyze license_suspension");
        }
    }

    /** How many municipalities license each solution: a few are used almost everywhere, most by a few hundred. */
    private int[] adoptersPerSolution() {
        double[] weight = new double[SOLUTIONS];
        for (int s = 0; s < SOLUTIONS; s++) {
            weight[s] = 1 / Math.pow(s + 1, 0.75);
        }
        double low = 0;
        double high = 1e9;
        int[] count = new int[SOLUTIONS];
        for (int step = 0; step < 100; step++) {
            double scale = (low + high) / 2;
            long total = 0;
            for (int s = 0; s < SOLUTIONS; s++) {
                total += Math.min(municipalities, (long) (weight[s] * scale));
            }
            if (total < licences) {
                low = scale;
            } else {
                high = scale;
            }
        }
        long total = 0;
        for (int s = 0; s < SOLUTIONS; s++) {
            count[s] = (int) Math.min(municipalities, (long) (weight[s] * low));
            total += count[s];
        }
        for (int s = SOLUTIONS - 1; total < licences; s = s == 0 ? SOLUTIONS - 1 : s - 1) {
            if (count[s] < municipalities) {
                count[s]++;
                total++;
            }
        }
        return count;
    }

    /** Most licences run the whole month; 3 % went live during it (pro rata, setup fee). */
    private String activation() {
        if (random.nextInt(100) < 3) {
            return PERIOD.firstDay().plusDays(random.nextInt(PERIOD.days())).toString();
        }
        return LocalDate.of(2024, 1, 1).plusDays(random.nextInt(1000)).toString();
    }

    /** 2 % end with the period or in it. */
    private String end() {
        int roll = random.nextInt(100);
        if (roll < 1) {
            return PERIOD.lastDay().toString();
        }
        if (roll < 2) {
            return PERIOD.firstDay().plusDays(random.nextInt(PERIOD.days())).toString();
        }
        return "\\N";
    }

    /** One plan per solution: 20 % cost sharing (every key), 30 % flat, 20 % per inhabitant, 20 % tiered, 10 % free. */
    private PlanTerms plan(int solution) {
        BigDecimal setupFee = solution % 5 == 0 ? new BigDecimal(250 + 50 * (solution % 7) + ".00") : BigDecimal.ZERO;
        String category = solution % 7 == 3 ? "E" : "S";
        BigDecimal vatRate = category.equals("E") ? BigDecimal.ZERO : solution % 11 == 5 ? new BigDecimal("0.07")
                : new BigDecimal("0.19");
        String reason = category.equals("E") ? "Steuerfrei nach § 2b UStG (interkommunale Zusammenarbeit)" : null;
        PriceModel model = switch (solution % 10) {
            case 0, 1 -> PriceModel.COST_SHARING;
            case 2, 3, 4 -> PriceModel.FLAT;
            case 5, 6 -> PriceModel.PER_INHABITANT;
            case 7, 8 -> PriceModel.TIERED;
            default -> PriceModel.FREE;
        };
        CostSharingKey key = CostSharingKey.values()[solution / 10 % 3];
        return new PlanTerms("plan-" + solution, "Plan " + solution, model,
                model == PriceModel.FLAT ? new BigDecimal(49 + solution % 400 + ".00") : null,
                model == PriceModel.PER_INHABITANT ? new BigDecimal("12.50") : null,
                model == PriceModel.PER_INHABITANT ? new BigDecimal("50.00") : null,
                model == PriceModel.PER_INHABITANT ? new BigDecimal("2000.00") : null,
                model == PriceModel.TIERED ? List.of(new Tier(10_000L, new BigDecimal("99.00")),
                        new Tier(100_000L, new BigDecimal("490.00")), new Tier(null, new BigDecimal("1900.00"))) : null,
                model == PriceModel.COST_SHARING ? new BigDecimal(20_000 + 1_000 * (solution % 50) + ".00") : null,
                model == PriceModel.COST_SHARING ? key : null,
                model == PriceModel.COST_SHARING && key == CostSharingKey.MIXED ? new BigDecimal("0.6") : null,
                setupFee, 12, 90, vatRate, category, reason, "EUR");
    }

    private static void copy(CopyManager copy, String table, StringBuilder rows) throws SQLException, IOException {
        copy.copyIn("COPY " + table + " FROM STDIN",
                new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
        rows.setLength(0);
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
