package de.kommunalmarkt.catalog.bench;

import de.kommunalmarkt.catalog.Fixtures;
import de.kommunalmarkt.testsupport.bench.BenchOptions;
import de.kommunalmarkt.testsupport.bench.ClosedLoop;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.postgresql.PGConnection;

/**
 * Read throughput and latency of a running catalog-service with N published solutions, at C
 * concurrent clients: GET /api/solutions/{id} and searches, each beside GET /q/health/live of the same
 * service measured in the same run (ratios of req/s and p99). Not a test: started by
 * {@code catalog-service/bench/run.sh}.
 *
 * <p>Seeding writes the rows with PostgreSQL COPY into the service's own schema (migrated by Flyway
 * at its start) while the service runs, as another instance's writes would arrive: the service
 * learns of them only through PostgreSQL's notifications, and the benchmark waits until its search
 * counts all N (and prints how long that took). Load goes to loopback only and is bounded in time
 * and count.
 *
 * <pre>
 * SearchBenchmark --base-url http://127.0.0.1:18081 --jdbc-url jdbc:postgresql://127.0.0.1:55432/catalog
 *                 [--solutions 10000] [--clients 32] [--seconds 20] [--warmup-seconds 5] [--max-requests 2000000]
 * </pre>
 */
public final class SearchBenchmark {

    private static final String[] TOPICS = {
        "Parkraum", "Parkplatz", "Sensor", "Bodenfeuchte", "Baumkataster", "Bewässerung", "Bürgerbeteiligung", "Bürgerhaushalt",
        "Chatbot", "Terminvergabe", "Mängelmelder", "Ratsinformation", "Abfallkalender", "Radverkehr", "Luftqualität",
        "Hochwasser", "Pegel", "Straßenbeleuchtung", "Schulanmeldung", "Kita-Platz", "Ladesäule", "Energiemonitoring",
        "Baustelle", "Verkehrszählung", "Open Data", "Dashboard", "Digitaler Zwilling", "Geoportal", "Fundbüro",
        "Wahlhelfer", "Friedhofsverwaltung", "Sportstättenbuchung", "Bibliothek", "Tourismus", "Veranstaltungskalender"};
    private static final String[] KINDS = {"Plattform", "App", "Portal", "Dienst", "Service", "Assistent", "System", "Netz"};
    private static final String[] ADJECTIVES = {"Digitale", "Offene", "Smarte", "Kommunale", "Vernetzte", "Einfache", "Regionale"};
    private static final String[] VERBS = {"meldet", "zeigt", "verwaltet", "veröffentlicht", "verbindet", "plant", "misst",
        "koordiniert", "bucht", "erinnert an"};
    private static final String[] OBJECTS = {"freie Parkplätze", "Termine im Bürgeramt", "Schäden im Straßenraum",
        "den Wasserbedarf der Stadtbäume", "Sitzungen und Beschlüsse des Rates", "Baustellen und Umleitungen",
        "Messwerte der Sensoren", "Vorschläge der Bürgerinnen und Bürger", "Abfuhrtermine", "Ladepunkte für Elektroautos",
        "Kita-Plätze", "Daten der Verwaltung", "Veranstaltungen", "Pegelstände und Warnungen", "den Energieverbrauch"};
    private static final String[] STANDARDS = {"OParl", "XÖV", "OGC SensorThings API", "NGSI-LD", "DCAT-AP.de", "FIT-Connect",
        "DATEX II", "GTFS", "WMS", "WFS", "LoRaWAN", "Open311 GeoReport v2", "iCalendar"};
    private static final String[] CATEGORIES = {"MOBILITY", "PARTICIPATION", "CITIZEN_SERVICES", "ADMINISTRATION",
        "ENVIRONMENT_AND_CLIMATE", "ENERGY", "URBAN_DATA", "EDUCATION", "HEALTH_AND_SOCIAL", "PUBLIC_SAFETY",
        "TOURISM_AND_CULTURE", "INFRASTRUCTURE"};
    private static final String[] OPERATOR_TYPES = {"SELF_OPERATED", "REGIONAL_IT_PROVIDER", "PRIVATE_IT_PROVIDER", "CIVIL_SOCIETY"};
    private static final String[] HOSTING = {"ON_PREMISES", "CLOUD", "SAAS"};

    /** One measured load: what a client requests next (by the request's sequence number). */
    record Scenario(String name, IntFunction<String> path) {
    }

    /** The outcome of one scenario. */
    record Result(String name, long requests, long errors, double seconds, long p50Micros, long p99Micros) {
        double throughput() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        URI base = URI.create(options.getOrDefault("base-url", "http://127.0.0.1:18081"));
        String jdbcUrl = options.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:55432/catalog");
        int solutions = Integer.parseInt(options.getOrDefault("solutions", "10000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
        Duration measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "20")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-seconds", "5")));
        long maxRequests = Long.parseLong(options.getOrDefault("max-requests", "2000000"));
        if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("the benchmark only loads a service on this machine (loopback), not " + base);
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Instant seeding = Instant.now();
        List<UUID> ids = seed(jdbcUrl, solutions);
        awaitSearchable(http, base, solutions, seeding);

        List<Scenario> scenarios = List.of(
                new Scenario("GET /q/health/live (baseline)", i -> "/q/health/live"),
                new Scenario("GET /api/solutions/{id}", i -> "/api/solutions/" + ids.get(Math.floorMod(i * 7919, ids.size()))),
                new Scenario("search q=Parkplatz", i -> search("Parkplatz", null)),
                new Scenario("search q=Bürgerbeteiligung Karte", i -> search("Bürgerbeteiligung Karte", null)),
                new Scenario("search q=Sensoren, MOBILITY, REGIONAL_IT_PROVIDER",
                        i -> search("Sensoren", "&category=MOBILITY&operatorType=REGIONAL_IT_PROVIDER")),
                new Scenario("search q=OParl", i -> search("OParl", null)),
                new Scenario("browse category=URBAN_DATA (no text)", i -> "/api/solutions?category=URBAN_DATA"),
                new Scenario("search q=<varying topic>", i -> search(TOPICS[Math.floorMod(i * 31, TOPICS.length)], null)),
                // Every request a query never asked before (an excluded word no solution has): no rendered page
                // can be reused, so these two measure matching, ranking and rendering on each request.
                new Scenario("search q=Parkplatz, each query new (uncached)",
                        i -> search("Parkplatz -zz" + UNCACHED.incrementAndGet(), null)),
                new Scenario("search q=<varying topic>, each query new (uncached)",
                        i -> search(TOPICS[Math.floorMod(i * 31, TOPICS.length)] + " -zz" + UNCACHED.incrementAndGet(), null)));

        System.out.printf(Locale.ROOT, "%nLoad: %d clients, %d s per scenario after %d s warm-up, at most %d requests, against %s%n",
                clients, measure.toSeconds(), warmup.toSeconds(), maxRequests, base);
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Result result = run(http, base, scenario, clients, warmup, measure, maxRequests);
            results.add(result);
            System.out.printf(Locale.ROOT, "  %-52s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  (%d requests, %d errors)%n",
                    result.name(), result.throughput(), result.p50Micros() / 1000.0, result.p99Micros() / 1000.0,
                    result.requests(), result.errors());
        }
        report(results, solutions, clients);
        if (results.stream().anyMatch(r -> r.errors() > 0)) {
            System.exit(1);
        }
    }

    /** Makes each "uncached" query unique across warm-up and measurement. */
    private static final AtomicLong UNCACHED = new AtomicLong();

    private static String search(String text, String filters) {
        return "/api/solutions?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + (filters == null ? "" : filters);
    }

    /** Runs the scenario with {@code clients} threads, a warm-up and then {@code measure} (or until {@code maxRequests}). */
    static Result run(HttpClient http, URI base, Scenario scenario, int clients, Duration warmup, Duration measure,
            long maxRequests) throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        ClosedLoop.Outcome outcome = ClosedLoop.run(clients, warmup, measure, maxRequests, (client, n, timer) -> {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(scenario.path().apply((int) n)))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            boolean measured = timer.measuring();
            long t0 = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200 && measured && errors.incrementAndGet() <= 3) {
                    String body = new String(response.body(), StandardCharsets.UTF_8);
                    System.out.println("    error " + response.statusCode() + " for " + request.uri() + ": "
                            + body.substring(0, Math.min(300, body.length())));
                }
            } catch (IOException e) {
                if (measured && errors.incrementAndGet() <= 3) {
                    System.out.println("    error for " + request.uri() + ": " + e);
                }
            }
            timer.record(measured, t0, System.nanoTime());
        });
        return new Result(scenario.name(), outcome.calls(), errors.get() + outcome.failures(), outcome.seconds(),
                outcome.percentileMicros(0.50), outcome.percentileMicros(0.99));
    }

    private static void report(List<Result> results, int solutions, int clients) {
        Result health = results.get(0);
        System.out.printf(Locale.ROOT, "%n%d published solutions, %d concurrent clients%n", solutions, clients);
        System.out.printf(Locale.ROOT, "| %-52s | %9s | %8s | %8s | %15s | %15s |%n", "scenario", "req/s", "p50 ms", "p99 ms",
                "req/s / health", "p99 / health");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(54), "-".repeat(11), "-".repeat(10), "-".repeat(10),
                "-".repeat(17), "-".repeat(17));
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %-52s | %9.0f | %8.2f | %8.2f | %15.2f | %15.2f |%n", r.name(), r.throughput(),
                    r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.throughput() / health.throughput(),
                    (double) r.p99Micros() / Math.max(1, health.p99Micros()));
        }
        System.out.println("Targets: search req/s / health >= 0.50 and p99 / health <= 2.00; by id req/s / health >= 0.70.");
    }

    /**
     * Seeds providers and published solutions (each with a plan and two reference environments), then
     * vacuums as autovacuum would; returns the solution ids.
     */
    static List<UUID> seed(String jdbcUrl, int count) throws SQLException, IOException {
        Random random = new Random(42);
        List<UUID> ids = new ArrayList<>(count);
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            long existing = single(db, "select count(*) from solution");
            if (existing > 0) {
                throw new IllegalStateException("the catalog database holds " + existing + " solutions already; use a fresh one");
            }
            Instant t0 = Instant.now();
            int providers = 200;
            StringBuilder municipalities = new StringBuilder();
            List<String> providerAgs = new ArrayList<>();
            for (int p = 0; p < providers; p++) {
                String ags = "%02d%03d%03d".formatted(1 + p % 16, p, 100 + p);
                providerAgs.add(ags);
                municipalities.append(String.join("\t", ags, "Benchstadt " + p, String.valueOf(5_000 + random.nextInt(500_000)),
                        Fixtures.leitwegId(ags, "KM001"), "Rathausplatz 1", "12345", "Benchstadt " + p, "DE",
                        "it@bench" + p + ".example.org", "0", t0.toString(), t0.toString())).append('\n');
            }
            copy(db, "municipality (ags, name, inhabitants, leitweg_id, street, postal_code, city, country_code, contact_email, "
                    + "version, registered_at, updated_at)", municipalities);

            StringBuilder solutionRows = new StringBuilder();
            StringBuilder planRows = new StringBuilder();
            StringBuilder environmentRows = new StringBuilder();
            for (int i = 0; i < count; i++) {
                UUID id = UUID.nameUUIDFromBytes(("bench/solution/" + i).getBytes(StandardCharsets.UTF_8));
                ids.add(id);
                String topic = TOPICS[random.nextInt(TOPICS.length)];
                String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + topic + "-" + KINDS[random.nextInt(KINDS.length)]
                        + " " + (i + 1);
                String summary = "Die " + KINDS[random.nextInt(KINDS.length)] + " " + VERBS[random.nextInt(VERBS.length)] + " "
                        + OBJECTS[random.nextInt(OBJECTS.length)] + " und " + VERBS[random.nextInt(VERBS.length)] + " "
                        + OBJECTS[random.nextInt(OBJECTS.length)] + ".";
                StringBuilder description = new StringBuilder();
                for (int s = 0; s < 6; s++) {
                    description.append(TOPICS[random.nextInt(TOPICS.length)]).append(": Die Lösung ")
                            .append(VERBS[random.nextInt(VERBS.length)]).append(' ').append(OBJECTS[random.nextInt(OBJECTS.length)])
                            .append(" auf einer Karte für Verwaltung, Bürgerinnen und Bürger. ");
                }
                String standards = array(pick(random, STANDARDS, 1 + random.nextInt(3)));
                String hosting = array(pick(random, HOSTING, 1 + random.nextInt(3)));
                String operatorTypes = array(pick(random, OPERATOR_TYPES, 1 + random.nextInt(3)));
                int adoptions = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 60);
                solutionRows.append(String.join("\t", id.toString(), providerAgs.get(random.nextInt(providers)), "PUBLISHED", name,
                        summary, description.toString().strip(), CATEGORIES[random.nextInt(CATEGORIES.length)], "EUPL-1.2",
                        "PRODUCTION", hosting, operatorTypes, standards, "https://docs.example.org/" + i,
                        "https://docs.example.org/" + i + "/datenschutz", "https://docs.example.org/" + i + "/sicherheit",
                        "https://docs.example.org/" + i + "/barrierefreiheit", "f", "support@example.org", "24", "AUTO", "1.00",
                        String.valueOf(adoptions), "0", "0", "1", t0.toString(), t0.toString(), t0.toString())).append('\n');
                planRows.append(String.join("\t", UUID.nameUUIDFromBytes(("bench/plan/" + i).getBytes(StandardCharsets.UTF_8)).toString(),
                        id.toString(), "Pauschal", "FLAT", String.format(Locale.ROOT, "%d.00", 50 + random.nextInt(900)), "0.00", "12",
                        "90", "0.19", "S", "EUR", t0.toString())).append('\n');
                environmentRows.append(String.join("\t", id.toString(), "0", "Benchstadt", "Stadt", "ON_PREMISES")).append('\n');
                environmentRows.append(String.join("\t", id.toString(), "1", "Nachbarstadt", "Kommunaler IT-Dienstleister", "CLOUD"))
                        .append('\n');
            }
            copy(db, "solution (id, provider_ags, state, name, summary, description, category, source_license, maturity, "
                    + "hosting_modes, supported_operator_types, standards, documentation_url, data_protection_statement_url, "
                    + "security_concept_url, accessibility_statement_url, no_user_interface, support_contact, "
                    + "support_response_hours, approval_policy, readiness_score, adoption_count, rating_count, rating_sum, "
                    + "version, created_at, updated_at, published_at)", solutionRows);
            copy(db, "plan (id, solution_id, name, model, monthly_fee, setup_fee, minimum_term_months, notice_period_days, "
                    + "vat_rate, vat_category, currency, created_at)", planRows);
            copy(db, "solution_reference_environment (solution_id, position, municipality, operator, hosting_mode)", environmentRows);
            try (Statement s = db.createStatement()) {
                s.execute("vacuum analyze");
            }
            System.out.printf(Locale.ROOT, "Seeded %d providers and %d published solutions (with plans and reference environments) "
                    + "by COPY in %d ms%n", providers, count, Duration.between(t0, Instant.now()).toMillis());
        }
        return ids;
    }

    /** Waits until the service's search counts every seeded solution (it learns of them through NOTIFY only). */
    private static void awaitSearchable(HttpClient http, URI base, int count, Instant seeding) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        String expected = "\"total\":" + count + "}";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/api/solutions?size=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && page.body().endsWith(expected)) {
                System.out.printf(Locale.ROOT, "The service's search counts all %d solutions %d ms after seeding began "
                        + "(COPY by another connection, announced by NOTIFY)%n", count, Duration.between(seeding, Instant.now()).toMillis());
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service's search did not count all " + count + " seeded solutions within 5 minutes");
    }

    private static List<String> pick(Random random, String[] values, int n) {
        List<String> shuffled = new ArrayList<>(Arrays.asList(values));
        java.util.Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(n, shuffled.size()));
    }

    /** A PostgreSQL array literal in COPY text format. */
    private static String array(List<String> values) {
        return "{" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }

    private static void copy(Connection db, String target, CharSequence rows) throws SQLException, IOException {
        db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + target + " from stdin", new StringReader(rows.toString()));
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }


    private SearchBenchmark() {
    }
}
