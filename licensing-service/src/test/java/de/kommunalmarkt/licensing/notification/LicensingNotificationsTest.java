package de.kommunalmarkt.licensing.notification;

import static de.kommunalmarkt.licensing.Api.accept;
import static de.kommunalmarkt.licensing.Api.approve;
import static de.kommunalmarkt.licensing.Api.complete;
import static de.kommunalmarkt.licensing.Api.get;
import static de.kommunalmarkt.licensing.Api.post;
import static de.kommunalmarkt.licensing.Api.requestLicence;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.OperatorType;
import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.licensing.CatalogEvents;
import de.kommunalmarkt.licensing.CatalogEvents.TestSolution;
import de.kommunalmarkt.testsupport.KafkaEvents;
import de.kommunalmarkt.testsupport.KafkaTestResource;
import de.kommunalmarkt.testsupport.TestMailbox;
import de.kommunalmarkt.testsupport.TestMailbox.ReceivedMail;
import de.kommunalmarkt.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The people licensing must tell are told, by a real SMTP server's account: each mail arrives once, to the
 * directory's contact address, in German; a redelivered event sends nothing twice; an SMTP outage delays a
 * mail but does not lose it.
 */
@QuarkusTest
class LicensingNotificationsTest {

    private static final List<OperatorType> REGIONAL = List.of(OperatorType.REGIONAL_IT_PROVIDER);
    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private record Parties(TestSolution solution, String provider, String adopter, String operator) {
        String providerEmail() {
            return "it@" + provider + ".example";
        }

        String adopterEmail() {
            return "it@" + adopter + ".example";
        }

        String operatorEmail() {
            return "betrieb@" + operator + ".example";
        }
    }

    private static Parties parties(ApprovalPolicy policy) {
        String provider = CatalogEvents.ags();
        String adopter = CatalogEvents.ags();
        CatalogEvents.registerMunicipality(provider, "Köln");
        CatalogEvents.registerMunicipality(adopter, "Bamberg");
        TestSolution solution = CatalogEvents.publishSolution(provider, policy, REGIONAL);
        String operator = CatalogEvents.registerOperator(OperatorType.REGIONAL_IT_PROVIDER, 5);
        return new Parties(solution, provider, adopter, operator);
    }

    private static Predicate<ReceivedMail> to(String address, String subjectPart) {
        return mail -> mail.isTo(address) && mail.subject().contains(subjectPart);
    }

    private static ReceivedMail once(Predicate<ReceivedMail> which) {
        TestMailbox.awaitAny(which, ARRIVAL);
        List<ReceivedMail> mails = TestMailbox.settled(which, SETTLE);
        assertThat(mails).as("mails that match").hasSize(1);
        return mails.get(0);
    }

    @Test
    void providerAdopterAndOperatorAreEachToldOnceWhatTheyMustActOnOrKnow() {
        Parties p = parties(ApprovalPolicy.MANUAL);
        String id = requestLicence(TestTokens.adopter(p.adopter()), p.solution().id(), p.solution().planId(), p.operator())
                .statusCode(201).extract().path("id");

        ReceivedMail awaiting = once(to(p.providerEmail(), "wartet auf Ihre Genehmigung"));
        assertThat(awaiting.text()).contains("Bamberg (AGS " + p.adopter() + ") möchte Ihre Lösung", "Lizenz:         " + id,
                "Betreiber " + p.operator());
        assertThat(awaiting.messageId()).endsWith("@kommunalmarkt.example>");

        approve(TestTokens.provider(p.provider()), id).statusCode(200);
        ReceivedMail granted = once(to(p.adopterEmail(), "wurde erteilt"));
        assertThat(granted.text()).contains("Köln hat Ihrer Gemeinde die Lizenz", "Lizenz: " + id);
        ReceivedMail request = once(to(p.operatorEmail(), "Neuer Bereitstellungsauftrag"));
        assertThat(request.subject()).contains("für Bamberg");
        assertThat(request.text()).contains("bereitzustellen", "AGS " + p.adopter(), "CLOUD, SAAS");

        String deploymentId = get(TestTokens.adopter(p.adopter()), "/api/licenses/" + id).extract().path("deployment.id");
        String operatorToken = TestTokens.operator(p.operator());
        accept(operatorToken, deploymentId).statusCode(200);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        complete(operatorToken, deploymentId, today).statusCode(200);
        ReceivedMail live = once(to(p.adopterEmail(), "ist in Betrieb"));
        assertThat(live.text()).contains("seit dem " + today.format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")),
                "wird ab diesem Tag abgerechnet");

        // the provider is not asked for an approval that never was needed, nor the adopter told twice
        assertThat(TestMailbox.received().stream().filter(m -> m.isTo(p.adopterEmail())).toList()).hasSize(2);
        assertThat(TestMailbox.received().stream().filter(m -> m.isTo(p.providerEmail())).toList()).hasSize(1);
    }

    @Test
    void anAutoApprovedRequestAsksNoProviderAndARejectionReachesTheAdopterWithItsReason() {
        Parties auto = parties(ApprovalPolicy.AUTO);
        requestLicence(TestTokens.adopter(auto.adopter()), auto.solution().id(), auto.solution().planId(), auto.operator())
                .statusCode(201);
        once(to(auto.adopterEmail(), "wurde erteilt"));
        once(to(auto.operatorEmail(), "Neuer Bereitstellungsauftrag"));
        assertThat(TestMailbox.received().stream().filter(m -> m.isTo(auto.providerEmail())).toList()).isEmpty();

        Parties manual = parties(ApprovalPolicy.MANUAL);
        String id = requestLicence(TestTokens.adopter(manual.adopter()), manual.solution().id(), manual.solution().planId(),
                manual.operator()).statusCode(201).extract().path("id");
        post(TestTokens.provider(manual.provider()), "/api/licenses/" + id + "/reject", Map.of("reason", "Betrieb nur in Bayern"))
                .statusCode(200);
        ReceivedMail rejected = once(to(manual.adopterEmail(), "wurde abgelehnt"));
        assertThat(rejected.text()).contains("Köln hat Ihre Lizenzanfrage", "Begründung: Betrieb nur in Bayern");
        assertThat(TestMailbox.received().stream().filter(m -> m.isTo(manual.operatorEmail())).toList()).isEmpty();
    }

    @Test
    void anOperatorWithAWebhookHearsOfTheRequestThereAndGetsNoMail() throws Exception {
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger posted = new java.util.concurrent.atomic.AtomicInteger();
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            posted.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Parties p = parties(ApprovalPolicy.AUTO);
            given().auth().oauth2(TestTokens.operator(p.operator())).contentType("application/json")
                    .body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))
                    .when().put("/api/operators/me/webhook").then().statusCode(200);

            requestLicence(TestTokens.adopter(p.adopter()), p.solution().id(), p.solution().planId(), p.operator())
                    .statusCode(201);

            once(to(p.adopterEmail(), "wurde erteilt"));
            org.awaitility.Awaitility.await().atMost(ARRIVAL).until(() -> posted.get() >= 1);
            assertThat(TestMailbox.settled(m -> m.isTo(p.operatorEmail()), SETTLE)).as("mails to the operator").isEmpty();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aRedeliveredEventSendsNothingTwice() {
        Parties p = parties(ApprovalPolicy.AUTO);
        List<KafkaEvents.Received> events;
        try (KafkaEvents kafka = new KafkaEvents()) {
            Map<TopicPartition, Long> before = kafka.endOffsets(Topics.LICENSING_LICENSES);
            requestLicence(TestTokens.adopter(p.adopter()), p.solution().id(), p.solution().planId(), p.operator())
                    .statusCode(201);
            events = kafka.readFrom(before, ARRIVAL, received -> received.stream()
                    .anyMatch(e -> "LicenseGranted".equals(e.header("ce_type")) && e.value().contains(p.adopter())));
        }
        once(to(p.adopterEmail(), "wurde erteilt"));

        KafkaEvents.Received granted = events.stream()
                .filter(e -> "LicenseGranted".equals(e.header("ce_type")) && e.value().contains(p.adopter())).findFirst().orElseThrow();
        try (KafkaEvents kafka = new KafkaEvents()) {
            kafka.send(granted.topic(), granted.key(), granted.value(), granted.headers());
            kafka.send(granted.topic(), granted.key(), granted.value(), granted.headers());
        }
        CatalogEvents.awaitRow("select count(*) from processed_event where consumer = 'licensing-notifications' and event_id = cast(?1 as uuid)",
                granted.header("ce_id"));
        assertThat(TestMailbox.settled(to(p.adopterEmail(), "wurde erteilt"), Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void anSmtpOutageDelaysAMailButDoesNotLoseIt() {
        Parties p = parties(ApprovalPolicy.MANUAL);
        TestMailbox.stopServer();
        try {
            requestLicence(TestTokens.adopter(p.adopter()), p.solution().id(), p.solution().planId(), p.operator())
                    .statusCode(201);
            // the relay has tried and failed at least once while the server was away
            CatalogEvents.awaitRow("select count(*) from mail_outbox where recipient = ?1 and attempts >= 1 and sent_at is null",
                    p.providerEmail());
            assertThat(TestMailbox.received().stream().filter(m -> m.isTo(p.providerEmail())).toList()).isEmpty();
        } finally {
            TestMailbox.startServer();
        }
        ReceivedMail mail = once(to(p.providerEmail(), "wartet auf Ihre Genehmigung"));
        assertThat(mail.text()).contains("Bamberg");
    }
}
