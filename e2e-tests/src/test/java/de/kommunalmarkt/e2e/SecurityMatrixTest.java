package de.kommunalmarkt.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The role × tenant security matrix: every endpoint of the three services × every kind of caller — no
 * token, an expired one, one with a broken signature, one whose payload was forged, an unsigned one
 * ("alg":"none"), one of another issuer, and each role acting on its own tenant's resource and on another tenant's. The expected
 * answer of every cell is written in {@code security-matrix.tsv}; this test creates the resources the
 * rows name (tenant A's and B's solutions, drafts, licences, deployments, reviews, invoices), sends
 * every cell and compares. Denied cells send valid requests and run first; they must change nothing
 * (every table of every database is compared before and after). The test also proves the table is
 * complete: every endpoint the services publish in their OpenAPI documents has rows, and each endpoint
 * has a row for every caller.
 */
@Order(200)
class SecurityMatrixTest {

    static final List<String> CALLERS = List.of("none", "expired", "bad-signature", "forged-payload", "unsigned", "other-issuer",
            "adopter-own", "adopter-other", "provider-own", "provider-other", "operator-own", "operator-other",
            "billing-admin", "marketplace-admin");
    static final List<String> ALL_ROLES = List.of("adopter", "provider", "operator", "billing-admin", "marketplace-admin");

    static final String PROVIDER_A = "15999901";
    static final String PROVIDER_B = "15999902";
    static final String ADOPTER_A = "15999903";
    static final String ADOPTER_B = "15999904";
    static final String MUNICIPALITY_PUT = "15999905";
    static final String OPERATOR_A = "sm-operator-a";
    static final String OPERATOR_B = "sm-operator-b";
    static final String OPERATOR_PUT = "sm-operator-put";
    static final Map<String, String> USER_OF = Map.of(
            "adopter-own", "sm-adopter-a", "adopter-other", "sm-adopter-b",
            "provider-own", "sm-provider-a", "provider-other", "sm-provider-b",
            "operator-own", "sm-operator-a", "operator-other", "sm-operator-b",
            "billing-admin", "billing", "marketplace-admin", "admin");
    static final String ROOT = "sm-root";
    static final Duration EVENTUALLY = Duration.ofSeconds(60);
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    static LocalStack stack;
    static Marketplace market;
    static final Map<String, String> values = new HashMap<>();

    record Cell(int line, String method, String path, String caller, Set<Integer> expected, List<String> checks, String body) {

        boolean denied() {
            return expected.stream().allMatch(s -> s >= 400);
        }

        /** The endpoint this cell belongs to: method and path template without the query, ids as {}. */
        String endpoint() {
            String template = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            return method + " " + template.replaceAll("\\$\\{[A-Za-z]+}", "{}");
        }

        @Override
        public String toString() {
            return "line " + line + ": " + method + " " + path + " as " + caller;
        }
    }

    @BeforeAll
    static void tenantsAndTheirResources() throws Exception {
        stack = SharedStack.get();
        market = new Marketplace(stack);
        String tag = "sm" + Long.toString(System.currentTimeMillis(), 36);
        values.put("tag", tag);

        // Tenants A and B: a provider, an adopter and an operator each; users holding one role only.
        market.municipality(PROVIDER_A, "SM Anbieter A", 40_000);
        market.municipality(PROVIDER_B, "SM Anbieter B", 41_000);
        market.municipality(ADOPTER_A, "SM Nutzer A", 42_000);
        market.municipality(ADOPTER_B, "SM Nutzer B", 43_000);
        market.municipality(MUNICIPALITY_PUT, "SM Geändert", 23_000);
        market.operator(OPERATOR_A, "SM Betrieb A", "REGIONAL_IT_PROVIDER", 50, List.of("15"));
        market.operator(OPERATOR_B, "SM Betrieb B", "REGIONAL_IT_PROVIDER", 50, List.of("15"));
        market.operator(OPERATOR_PUT, "SM Betrieb geändert", "CIVIL_SOCIETY", 4, List.of("15", "16"));
        market.user("sm-provider-a", List.of("provider"), Map.of("municipality", PROVIDER_A));
        market.user("sm-provider-b", List.of("provider"), Map.of("municipality", PROVIDER_B));
        market.user("sm-adopter-a", List.of("adopter"), Map.of("municipality", ADOPTER_A));
        market.user("sm-adopter-b", List.of("adopter"), Map.of("municipality", ADOPTER_B));
        market.user("sm-operator-a", List.of("operator"), Map.of("operator", OPERATOR_A));
        market.user("sm-operator-b", List.of("operator"), Map.of("operator", OPERATOR_B));
        market.user(ROOT, ALL_ROLES, Map.of("municipality", ADOPTER_A, "operator", OPERATOR_A));
        values.putAll(Map.of("providerA", PROVIDER_A, "providerB", PROVIDER_B, "adopterA", ADOPTER_A, "adopterB", ADOPTER_B,
                "municipalityPut", MUNICIPALITY_PUT, "municipalityPutLeitwegId", Marketplace.leitwegId(MUNICIPALITY_PUT),
                "operatorA", OPERATOR_A, "operatorB", OPERATOR_B, "operatorPut", OPERATOR_PUT));
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.directory");

        // Provider A's solutions, one per resource a row acts on; provider B's for the other side.
        Map<String, Marketplace.Published> a = new LinkedHashMap<>();
        for (String name : List.of("solution", "toCancel", "toAccept", "toComplete", "toFail", "toRedeploy", "toTerminate",
                "toSuspend", "toResume", "reviewSolution", "deprecateByProvider", "deprecateByAdmin", "requestSolution", "toUpdate",
                "roundSolution", "roundOpen")) {
            a.put(name, published("sm-provider-a", tag + " " + name, "AUTO"));
        }
        a.put("toApprove", published("sm-provider-a", tag + " toApprove", "MANUAL"));
        a.put("toReject", published("sm-provider-a", tag + " toReject", "MANUAL"));
        Marketplace.Published retire = market.publishedSolution("sm-provider-a", Marketplace.solutionJson("SM " + tag + " retire", "AUTO"),
                Marketplace.flatPlanJson("SM alt", "90.00"), Marketplace.flatPlanJson("SM neu", "95.00"));
        Marketplace.Published b = published("sm-provider-b", tag + " solutionB", "AUTO");
        for (String name : List.of("solution", "deprecateByProvider", "deprecateByAdmin", "reviewSolution", "requestSolution", "toUpdate",
                "roundSolution", "roundOpen")) {
            values.put(name, a.get(name).solutionId());
        }
        values.put("requestPlan", a.get("requestSolution").planId());
        values.put("retireSolution", retire.solutionId());
        values.put("retirePlan", retire.planId());
        values.put("solutionB", b.solutionId());
        values.put("solutionBPlan", b.planId());

        // Provider A's open scaling round, with adopter A's pledge in it.
        values.put("roundClosesOn", Marketplace.today().plusDays(60).toString());
        values.put("round", market.expect(201, "POST", "catalog", "/api/solutions/" + values.get("roundSolution") + "/scaling-rounds",
                "sm-provider-a", """
                {"purposes":[{"purpose":"Mandantenfähigkeit","amount":10000.00}],"target":10000.00,"closesOn":"%s",
                 "minParticipants":2,"vatCategory":"S","vatRate":0.19}""".formatted(values.get("roundClosesOn"))).get("id").asText());
        market.expect(201, "POST", "catalog", "/api/scaling-rounds/" + values.get("round") + "/pledges", "sm-adopter-a",
                "{\"contribution\":1000.00}");

        String draft = draft("sm-provider-a", tag + " draft");
        values.put("draft", draft);
        values.put("draftPlan", addPlan("sm-provider-a", draft));
        values.put("draftPlanToDelete", addPlan("sm-provider-a", draft));
        String ready = draft("sm-provider-a", tag + " readyDraft");
        addPlan("sm-provider-a", ready);
        values.put("readyDraft", ready);
        String draftB = draft("sm-provider-b", tag + " draftB");
        values.put("draftB", draftB);
        values.put("draftBPlan", addPlan("sm-provider-b", draftB));
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions");

        // Adopter A's licences in every state a row needs, operator A's deployments; adopter B's licence.
        YearMonth period = market.unbilledPeriod(YearMonth.now(Marketplace.ZONE).minusMonths(3), m -> true);
        LocalDate live = period.atDay(1);
        values.put("period", period.toString());
        for (String name : List.of("solution", "toTerminate", "toSuspend", "toResume", "reviewSolution")) {
            String[] ids = licence("sm-adopter-a", a.get(name), OPERATOR_A);
            market.deploy("sm-operator-a", ids[1], live);
            values.put(name.equals("solution") ? "license" : name.equals("reviewSolution") ? "reviewLicense" : name, ids[0]);
            if (name.equals("solution")) {
                values.put("deployment", ids[1]);
            }
        }
        market.expect(200, "POST", "licensing", "/api/licenses/" + values.get("toResume") + "/suspend", "admin",
                "{\"suspendedOn\":\"" + period.atDay(15) + "\"}");
        values.put("toApprove", licence("sm-adopter-a", a.get("toApprove"), OPERATOR_A)[0]);
        values.put("toReject", licence("sm-adopter-a", a.get("toReject"), OPERATOR_A)[0]);
        values.put("toCancel", licence("sm-adopter-a", a.get("toCancel"), OPERATOR_A)[0]);
        values.put("toAccept", licence("sm-adopter-a", a.get("toAccept"), OPERATOR_A)[1]);
        for (String name : List.of("toComplete", "toFail")) {
            String deployment = licence("sm-adopter-a", a.get(name), OPERATOR_A)[1];
            market.expect(200, "POST", "licensing", "/api/deployments/" + deployment + "/accept", "sm-operator-a", null);
            values.put(name, deployment);
        }
        String[] redeploy = licence("sm-adopter-a", a.get("toRedeploy"), OPERATOR_A);
        market.expect(200, "POST", "licensing", "/api/deployments/" + redeploy[1] + "/accept", "sm-operator-a", null);
        market.expect(200, "POST", "licensing", "/api/deployments/" + redeploy[1] + "/fail", "sm-operator-a",
                "{\"reason\":\"Netzanbindung fehlt\"}");
        values.put("toRedeploy", redeploy[0]);
        String[] licenseB = licence("sm-adopter-b", b, OPERATOR_B);
        market.deploy("sm-operator-b", licenseB[1], live);
        values.put("licenseB", licenseB[0]);
        values.put("deploymentB", licenseB[1]);

        // Adopter A reviews its solution once the catalog knows the licence is active.
        market.awaitJson("catalog", "/api/solutions/" + values.get("solution"), null, EVENTUALLY, s -> s.get("adoptionCount").asInt() == 1);
        market.awaitJson("catalog", "/api/solutions/" + values.get("reviewSolution"), null, EVENTUALLY,
                s -> s.get("adoptionCount").asInt() == 1);
        values.put("review", market.expect(201, "POST", "catalog", "/api/solutions/" + values.get("solution") + "/reviews", "sm-adopter-a",
                "{\"stars\":5,\"report\":\"Läuft.\"}").get("id").asText());

        // The billing admin bills the period: invoices of adopter A and adopter B.
        market.awaitConsumed("billing-service", EVENTUALLY, "licensing.licenses", "catalog.directory");
        values.put("run", market.runBilling(period.toString(), Duration.ofMinutes(2)).get("id").asText());
        JsonNode invoiceA = market.expect(200, "GET", "billing", "/api/invoices?period=" + period, "sm-adopter-a", null).at("/items/0");
        values.put("invoice", invoiceA.get("id").asText());
        values.put("invoiceNumber", invoiceA.get("number").asText());
        values.put("invoiceB", market.expect(200, "GET", "billing", "/api/invoices?period=" + period, "sm-adopter-b", null)
                .at("/items/0/id").asText());

        // What the allowed writes send.
        String newAgs = unusedAgs();
        values.put("newAgs", newAgs);
        values.put("newLeitwegId", Marketplace.leitwegId(newAgs));
        values.put("newOperator", "sm-new-" + tag);
        values.put("today", Marketplace.today().toString());
        values.put("endsOn", YearMonth.now(Marketplace.ZONE).atEndOfMonth().toString());
    }

    @Test
    void everyCellOfTheMatrixHolds() throws Exception {
        Discrepancies discrepancies = new Discrepancies();
        List<Cell> cells = read("/security-matrix.tsv");
        complete(cells, discrepancies);

        Tokens tokens = new Tokens();
        Databases databases = new Databases(stack);
        Map<String, String> before = quiet(databases);
        int checked = 0;
        for (Cell cell : cells) {
            if (cell.denied()) {
                send(cell, tokens, discrepancies);
                checked++;
            }
        }
        Thread.sleep(2_000); // lets anything a wrongly accepted request set off reach the databases
        Map<String, String> after = databases.fingerprints();
        before.forEach((table, print) -> discrepancies.check("denied requests left " + table + " unchanged", print, after.get(table)));
        for (Cell cell : cells) {
            if (!cell.denied()) {
                send(cell, tokens, discrepancies);
                checked++;
            }
        }
        discrepancies.report("E2E security matrix: " + checked + " cells checked");
    }

    // --- the table ------------------------------------------------------------------------------------

    static List<Cell> read(String resource) throws IOException {
        List<String> lines;
        try (InputStream in = SecurityMatrixTest.class.getResourceAsStream(resource)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        Map<String, String> bodies = new HashMap<>();
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] column = line.split("\t", -1);
            if (line.startsWith("@")) {
                bodies.put(column[0], column[1]);
                continue;
            }
            if (column.length != 6 || !CALLERS.contains(column[2])) {
                throw new IllegalStateException("security-matrix.tsv line " + (i + 1) + " is not method, path, known caller, status, checks, body: " + line);
            }
            Set<Integer> expected = Arrays.stream(column[3].split("\\|")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
            List<String> checks = column[4].equals("-") ? List.of() : List.of(column[4].split(" "));
            String body = column[5].equals("-") ? null : column[5].startsWith("@") ? bodies.get(column[5]) : column[5];
            if (column[5].startsWith("@") && body == null) {
                throw new IllegalStateException("security-matrix.tsv line " + (i + 1) + ": no body " + column[5] + " defined above it");
            }
            cells.add(new Cell(i + 1, column[0], column[1], column[2], expected, checks, body));
        }
        return cells;
    }

    /** Every endpoint of every service's OpenAPI document has rows, and every endpoint a row per caller. */
    private static void complete(List<Cell> cells, Discrepancies discrepancies) {
        Map<String, Set<String>> callers = new TreeMap<>();
        cells.forEach(c -> callers.computeIfAbsent(c.endpoint(), e -> new TreeSet<>()).add(c.caller()));
        callers.forEach((endpoint, present) -> discrepancies.check("callers of " + endpoint, new TreeSet<>(CALLERS), present));
        int published = 0;
        for (String service : List.of("catalog", "licensing", "billing")) {
            JsonNode openapi = market.expect(200, "GET", service, "/q/openapi?format=json", null, null).get("paths");
            for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                    String method = methods.next().toUpperCase();
                    if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                        String endpoint = method + " " + path.getKey().replaceAll("\\{[^}]+}", "{}");
                        discrepancies.require(service + "'s " + endpoint + " has rows in security-matrix.tsv", callers.containsKey(endpoint));
                        published++;
                    }
                }
            }
        }
        System.out.printf("Security matrix: %d endpoints in the services' OpenAPI documents, %d in the table, %d callers each%n",
                published, callers.size(), CALLERS.size());
    }

    // --- sending a cell -------------------------------------------------------------------------------

    private static void send(Cell cell, Tokens tokens, Discrepancies discrepancies) throws Exception {
        String path = resolve(cell.path(), cell);
        String body = cell.body() == null ? null : resolve(cell.body(), cell);
        List<String> checks = cell.checks().stream().map(c -> resolve(c, cell)).toList();
        String token = tokens.of(cell.caller());
        int status;
        String answer;
        if (path.equals("/api/deployments/stream")) {
            try (SseStream sse = SseStream.open(stack.url(service(path), path), token)) {
                status = sse.status();
                awaitStream(sse, checks);
                answer = sse.text();
            }
        } else {
            HttpResponse<String> response = stack.request(cell.method(), service(path), path, token, body);
            status = response.statusCode();
            answer = response.body() == null ? "" : response.body();
        }
        if (!cell.expected().contains(status)) {
            discrepancies.add(cell + ": expected " + cell.expected() + " but got " + status + " " + abbreviate(answer));
            return;
        }
        for (String check : checks) {
            boolean present = check.startsWith("!has:") ? !answer.contains(check.substring(5)) : answer.contains(check.substring(4));
            discrepancies.require(cell + ": " + check + " does not hold for " + abbreviate(answer), present);
        }
        if (cell.denied()) {
            discrepancies.require(cell + ": the refusal shows the tenant's data: " + abbreviate(answer), !answer.contains(values.get("tag")));
        }
    }

    /** Reads a stream until every has: check holds (or 5 s), then long enough for a !has: one to be meaningful. */
    private static void awaitStream(SseStream sse, List<String> checks) throws InterruptedException {
        if (sse.status() != 200) {
            sse.awaitEnd(Duration.ofSeconds(5));
            return;
        }
        List<String> wanted = checks.stream().filter(c -> c.startsWith("has:")).map(c -> c.substring(4)).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && !wanted.stream().allMatch(sse.text()::contains)) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000);
    }

    private static final List<String> BILLING_PATHS = List.of("/api/billing-runs", "/api/invoices", "/api/statements",
            "/api/reconciliation", "/api/credit-notes", "/api/payments", "/api/balances", "/api/dunning", "/api/break-even",
            "/api/price-preview");

    private static String service(String path) {
        // the operator's own channels live in licensing; the directory of operators (/api/operators/{id}) in the catalog
        if (path.startsWith("/api/licenses") || path.startsWith("/api/deployments") || path.startsWith("/api/operators/me/")) {
            return "licensing";
        }
        if (BILLING_PATHS.stream().anyMatch(path::startsWith)) {
            return "billing";
        }
        return "catalog";
    }

    private static String resolve(String template, Cell cell) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(cell + ": no fixture value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        return m.appendTail(resolved).toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** Fingerprints of every table once two readings a second apart agree (events of the set-up have settled). */
    private static Map<String, String> quiet(Databases databases) {
        List<Map<String, String>> last = new ArrayList<>(List.of(databases.fingerprints()));
        await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = databases.fingerprints();
            boolean same = now.equals(last.get(0));
            last.set(0, now);
            return same;
        });
        return last.get(0);
    }

    // --- callers --------------------------------------------------------------------------------------

    /** The token each caller sends; the refused kinds are made from real tokens of the all-roles user. */
    private static final class Tokens {

        private final String expired;
        private String otherIssuer;
        private long otherIssuerAt;

        Tokens() throws InterruptedException {
            expired = market.keycloak().expiredToken(ROOT);
        }

        String of(String caller) {
            return switch (caller) {
                case "none" -> null;
                case "expired" -> expired;
                case "bad-signature" -> alteredSignature(market.token(ROOT));
                case "forged-payload" -> forgedPayload(market.token("sm-adopter-b"));
                case "unsigned" -> unsigned(forgedPayload(market.token("sm-adopter-b")));
                case "other-issuer" -> otherIssuer();
                default -> market.token(USER_OF.get(caller));
            };
        }

        /** The master realm's tokens live a minute: a fresh one, so only its issuer makes it wrong. */
        private String otherIssuer() {
            if (otherIssuer == null || System.nanoTime() - otherIssuerAt > Duration.ofSeconds(30).toNanos()) {
                otherIssuer = market.keycloak().masterRealmToken();
                otherIssuerAt = System.nanoTime();
            }
            return otherIssuer;
        }

        private static String alteredSignature(String jwt) {
            String[] part = jwt.split("\\.");
            byte[] signature = Base64.getUrlDecoder().decode(part[2]);
            signature[signature.length / 2] ^= 0x5A;
            return part[0] + "." + part[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        }

        /** The token with header {"alg":"none"} and no signature. */
        private static String unsigned(String jwt) {
            String[] part = jwt.split("\\.");
            ObjectNode header = (ObjectNode) stack.read(new String(Base64.getUrlDecoder().decode(part[0]), StandardCharsets.UTF_8));
            header.put("alg", "none");
            return Base64.getUrlEncoder().withoutPadding().encodeToString(header.toString().getBytes(StandardCharsets.UTF_8))
                    + "." + part[1] + ".";
        }

        /** Adopter B's real token, its payload re-encoded to claim adopter A's municipality, operator A and every role. */
        private static String forgedPayload(String jwt) {
            String[] part = jwt.split("\\.");
            ObjectNode payload = (ObjectNode) stack.read(new String(Base64.getUrlDecoder().decode(part[1]), StandardCharsets.UTF_8));
            payload.put("municipality", ADOPTER_A);
            payload.put("operator", OPERATOR_A);
            ArrayNode roles = payload.putObject("realm_access").putArray("roles");
            ALL_ROLES.forEach(roles::add);
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
            return part[0] + "." + forged + "." + part[2];
        }
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private static Marketplace.Published published(String provider, String name, String approvalPolicy) {
        return market.publishedSolution(provider, Marketplace.solutionJson("SM " + name, approvalPolicy),
                Marketplace.flatPlanJson("SM Pauschal", "100.00"));
    }

    private static String draft(String provider, String name) {
        return market.expect(201, "POST", "catalog", "/api/solutions", provider, Marketplace.solutionJson("SM " + name, "AUTO"))
                .get("id").asText();
    }

    private static String addPlan(String provider, String solutionId) {
        return market.expect(201, "POST", "catalog", "/api/solutions/" + solutionId + "/plans", provider,
                Marketplace.flatPlanJson("SM Pauschal", "100.00")).get("id").asText();
    }

    /** Requests a licence; returns its id and its current deployment's id (null while none). */
    private static String[] licence(String adopter, Marketplace.Published solution, String operator) {
        String id = market.requestLicense(adopter, solution.solutionId(), solution.planId(), operator).get("id").asText();
        JsonNode deployment = market.license(adopter, id).path("deployment");
        return new String[] {id, deployment.isMissingNode() ? null : deployment.get("id").asText()};
    }

    /** An AGS of state 16 that the directory does not know yet. */
    private static String unusedAgs() {
        Random random = new Random();
        while (true) {
            String ags = "16" + String.format("%06d", random.nextInt(1_000_000));
            if (stack.get("catalog", "/api/municipalities/" + ags, market.token("admin")).statusCode() == 404) {
                return ags;
            }
        }
    }
}
