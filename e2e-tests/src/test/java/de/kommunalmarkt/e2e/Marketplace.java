package de.kommunalmarkt.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the marketplace's people do, through the public REST APIs only (plus Keycloak's admin API for
 * test users, and one fixture that lets time pass: {@link #grantedBy}): register municipalities and
 * operators, draft and publish solutions, request and activate licences, run billing. Every call insists on the status a person would expect and fails with the
 * response body otherwise. Waiting for another service to have read an event is done the way an
 * operator of the platform would check it: the consumer group's committed offsets on Kafka.
 */
public final class Marketplace {

    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private static final Duration TOKEN_REUSE = Duration.ofMinutes(2);

    private final LocalStack stack;
    private final KeycloakAdmin keycloak;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    private record CachedToken(String token, long fetchedAt) {
    }

    public Marketplace(LocalStack stack) {
        this.stack = stack;
        this.keycloak = new KeycloakAdmin(stack);
    }

    public LocalStack stack() {
        return stack;
    }

    public KeycloakAdmin keycloak() {
        return keycloak;
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** A fresh enough access token of a realm user (tokens live 5 minutes; one is reused for 2). */
    public String token(String user) {
        CachedToken cached = tokens.get(user);
        if (cached == null || System.nanoTime() - cached.fetchedAt() > TOKEN_REUSE.toNanos()) {
            cached = new CachedToken(stack.token(user), System.nanoTime());
            tokens.put(user, cached);
        }
        return cached.token();
    }

    /** Creates (or finds) a realm user with password demo, roles and tenant attributes. */
    public void user(String username, List<String> roles, Map<String, String> attributes) {
        keycloak.ensureUser(username, roles, attributes);
        tokens.remove(username);
    }

    /**
     * Sends a request as {@code user} (null: without a token) and insists on {@code status}; returns
     * the body as JSON, or null when it is empty.
     */
    public JsonNode expect(int status, String method, String service, String path, String user, String body) {
        HttpResponse<String> response = stack.request(method, service, path, user == null ? null : token(user), body);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + service + path + " as " + user + ": expected " + status + " but got "
                    + response.statusCode() + " " + response.body());
        }
        return response.body() == null || response.body().isBlank() ? null : stack.read(response.body());
    }

    // --- directory ------------------------------------------------------------------------------------

    /** The Leitweg-ID made of the AGS as coarse part and its ISO/IEC 7064 MOD 97-10 check digits. */
    public static String leitwegId(String ags) {
        int check = 98 - new BigInteger(ags + "00").mod(BigInteger.valueOf(97)).intValue();
        return ags + "-" + String.format("%02d", check);
    }

    public static String municipalityJson(String ags, String name, long inhabitants) {
        return """
                {"ags":"%s","name":"%s","inhabitants":%d,"leitwegId":"%s",
                 "billingAddress":{"street":"Rathausplatz 1","postalCode":"12345","city":"%s","countryCode":"DE"},
                 "contactEmail":"rathaus-%s@example.org"}""".formatted(ags, name, inhabitants, leitwegId(ags), name, ags);
    }

    /** The marketplace admin registers the municipality, or updates it to these values if it is known. */
    public void municipality(String ags, String name, long inhabitants) {
        String body = municipalityJson(ags, name, inhabitants);
        HttpResponse<String> created = stack.post("catalog", "/api/municipalities", token("admin"), body);
        if (created.statusCode() == 409) {
            expect(200, "PUT", "catalog", "/api/municipalities/" + ags, "admin", body);
        } else if (created.statusCode() != 201) {
            throw new AssertionError("registering " + ags + ": " + created.statusCode() + " " + created.body());
        }
    }

    public static String operatorJson(String id, String name, String type, int capacity, List<String> states) {
        return """
                {"id":"%s","name":"%s","operatorType":"%s","statesServed":[%s],"capacity":%d,"contactEmail":"betrieb-%s@example.org"}"""
                .formatted(id, name, type, String.join(",", states.stream().map(s -> '"' + s + '"').toList()), capacity, id);
    }

    /** An AGS of state 15 that the catalog does not know yet (tests make their own municipalities with it). */
    public String unregisteredAgs() {
        return unregisteredAgs("15");
    }

    /** An AGS of the given state (two digits) that the catalog does not know yet. */
    public String unregisteredAgs(String state) {
        while (true) {
            String ags = state + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
            if (stack.get("catalog", "/api/municipalities/" + ags, token("admin")).statusCode() == 404) {
                return ags;
            }
        }
    }

    /** The marketplace admin registers the operator, or updates it to these values if it is known. */
    public void operator(String id, String name, String type, int capacity, List<String> states) {
        String body = operatorJson(id, name, type, capacity, states);
        HttpResponse<String> created = stack.post("catalog", "/api/operators", token("admin"), body);
        if (created.statusCode() == 409) {
            expect(200, "PUT", "catalog", "/api/operators/" + id, "admin", body);
        } else if (created.statusCode() != 201) {
            throw new AssertionError("registering operator " + id + ": " + created.statusCode() + " " + created.body());
        }
    }

    // --- solutions ------------------------------------------------------------------------------------

    /** A solution entry that meets every criterion of the transfer-readiness gate. */
    public static String solutionJson(String name, String approvalPolicy) {
        return """
                {"name":"%s","summary":"Sensoren melden freie Parkplätze in Echtzeit.",
                 "description":"Bodensensoren, LoRaWAN und eine Datenplattform mit OGC SensorThings API.",
                 "category":"MOBILITY","sourceLicense":"EUPL-1.2","maturity":"PRODUCTION","hostingModes":["CLOUD","ON_PREMISES"],
                 "standards":["OGC SensorThings API"],"supportedOperatorTypes":["REGIONAL_IT_PROVIDER","CIVIL_SOCIETY"],
                 "referenceEnvironments":[
                   {"municipality":"Köln","ags":"05315000","operator":"Eigenbetrieb","hostingMode":"ON_PREMISES"},
                   {"municipality":"Bonn","ags":"05314000","operator":"ITK Rheinland","hostingMode":"CLOUD"}],
                 "documentationUrl":"https://docs.example.org/parken",
                 "qualityProfile":{"dataProtectionStatementUrl":"https://docs.example.org/parken/datenschutz",
                   "securityConceptUrl":"https://docs.example.org/parken/sicherheit",
                   "accessibilityStatementUrl":"https://docs.example.org/parken/barrierefreiheit",
                   "supportContact":"support@example.org","supportResponseHours":24},
                 "approvalPolicy":"%s"}""".formatted(name, approvalPolicy);
    }

    public static String flatPlanJson(String name, String monthlyFee) {
        return """
                {"name":"%s","model":"FLAT","monthlyFee":%s,"vatRate":0.19,"vatCategory":"S"}""".formatted(name, monthlyFee);
    }

    /** A published solution and the ids of its plans, in the order given. */
    public record Published(String solutionId, List<String> planIds) {
        public String planId() {
            return planIds.get(0);
        }
    }

    /** The provider drafts the solution, adds the plans and publishes it. */
    public Published publishedSolution(String provider, String solutionJson, String... planJsons) {
        String id = expect(201, "POST", "catalog", "/api/solutions", provider, solutionJson).get("id").asText();
        List<String> plans = new ArrayList<>();
        for (String plan : planJsons) {
            plans.add(expect(201, "POST", "catalog", "/api/solutions/" + id + "/plans", provider, plan).get("id").asText());
        }
        expect(200, "POST", "catalog", "/api/solutions/" + id + "/publish", provider, null);
        return new Published(id, plans);
    }

    // --- licences and deployments ---------------------------------------------------------------------

    public JsonNode requestLicense(String adopter, String solutionId, String planId, String operatorId) {
        return expect(201, "POST", "licensing", "/api/licenses", adopter, """
                {"solutionId":"%s","planId":"%s","operatorId":"%s"}""".formatted(solutionId, planId, operatorId));
    }

    public JsonNode license(String user, String licenseId) {
        return expect(200, "GET", "licensing", "/api/licenses/" + licenseId, user, null);
    }

    /** The operator accepts the deployment and reports it live on {@code liveOn} (a past day: see {@link #grantedBy}). */
    public void deploy(String operatorUser, String deploymentId, LocalDate liveOn) {
        grantedBy(deploymentId, liveOn);
        expect(200, "POST", "licensing", "/api/deployments/" + deploymentId + "/accept", operatorUser, null);
        expect(200, "POST", "licensing", "/api/deployments/" + deploymentId + "/complete", operatorUser,
                "{\"liveOn\":\"" + liveOn + "\"}");
    }

    /**
     * Lets time pass for the deployment's licence: it was granted on {@code day} at the latest. Licensing
     * refuses a {@code liveOn} before the grant day, and a journey through past billing periods cannot
     * wait for the days to pass, so this one fixture writes the grant's date into licensing's database
     * instead of going through an API.
     */
    public void grantedBy(String deploymentId, LocalDate day) {
        // while a test restarts PostgreSQL, the update is tried again (as the services' clients retry), for a minute
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (;;) {
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.port("postgres") + "/licensing", "postgres", "");
                    PreparedStatement update = db.prepareStatement("update license set requested_at = least(requested_at, ?),"
                            + " granted_at = least(granted_at, ?) where id = (select license_id from deployment where id = ?)")) {
                Timestamp startOfDay = Timestamp.from(day.atStartOfDay(ZONE).toInstant());
                update.setTimestamp(1, startOfDay);
                update.setTimestamp(2, startOfDay);
                update.setObject(3, java.util.UUID.fromString(deploymentId));
                update.executeUpdate();
                return;
            } catch (SQLException e) {
                boolean unreachable = e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P0"));
                if (!unreachable || System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not date the grant of deployment " + deploymentId + " back to " + day, e);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", interrupted);
                }
            }
        }
    }

    /** Polls a GET until the JSON answer satisfies {@code until}; returns that answer. */
    public JsonNode awaitJson(String service, String path, String user, Duration timeout, Predicate<JsonNode> until) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = expect(200, "GET", service, path, user, null);
            return until.test(last[0]);
        });
        return last[0];
    }

    // --- billing --------------------------------------------------------------------------------------

    /**
     * The latest month before the current one that is accepted by {@code shape} and for which no billing
     * run exists yet, so a test bills a period of its own (billing bills each period once).
     */
    public YearMonth unbilledPeriod(YearMonth latest, Predicate<YearMonth> shape) {
        for (YearMonth month = latest; month.isAfter(latest.minusYears(3)); month = month.minusMonths(1)) {
            if (shape.test(month) && expect(200, "GET", "billing", "/api/billing-runs?period=" + month, "billing", null)
                    .get("total").asLong() == 0) {
                return month;
            }
        }
        throw new IllegalStateException("no unbilled period before " + latest + " (state folder reused too often?)");
    }

    /** The billing admin starts the run for the period and waits until it has completed. */
    public JsonNode runBilling(String period, Duration timeout) {
        JsonNode started = expect(202, "POST", "billing", "/api/billing-runs", "billing", "{\"period\":\"" + period + "\"}");
        String id = started.get("id").asText();
        return awaitJson("billing", "/api/billing-runs/" + id, "billing", timeout, run -> "COMPLETED".equals(run.get("state").asText()));
    }

    // --- Kafka ----------------------------------------------------------------------------------------

    /**
     * Waits until consumer group {@code group} has committed, on every partition of the topics, at least
     * the end offsets the topics have now: everything written so far has been applied by that service.
     */
    public void awaitConsumed(String group, Duration timeout, String... topics) {
        try (Admin admin = Admin.create(stack.kafkaAdmin())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(List.of(topics)).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read offsets of " + List.of(topics), e);
        }
    }
}
