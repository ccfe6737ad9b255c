package de.kommunalmarkt.licensing.notification;

import de.kommunalmarkt.common.inbox.EventConsumer;
import de.kommunalmarkt.common.inbox.IdempotentConsumer;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import de.kommunalmarkt.common.notification.MailOutbox;
import de.kommunalmarkt.common.notification.Notification;
import de.kommunalmarkt.events.DeploymentRequested;
import de.kommunalmarkt.events.LicenseActivated;
import de.kommunalmarkt.events.LicenseGranted;
import de.kommunalmarkt.events.LicenseRejected;
import de.kommunalmarkt.events.LicenseRequested;
import de.kommunalmarkt.licensing.catalog.CatalogMunicipality;
import de.kommunalmarkt.licensing.catalog.CatalogMunicipalityRepository;
import de.kommunalmarkt.licensing.catalog.CatalogOperator;
import de.kommunalmarkt.licensing.catalog.CatalogOperatorRepository;
import de.kommunalmarkt.licensing.license.License;
import de.kommunalmarkt.licensing.license.LicenseRepository;
import de.kommunalmarkt.licensing.webhook.WebhookService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Tells people by e-mail what licensing's own events mean for them: the provider that a request awaits
 * its approval, the adopter that its request was granted or rejected and that its deployment is live,
 * the operator (unless it has a push channel) that a deployment is requested of it.
 *
 * <p>It consumes licensing's topics like any other consumer, through the inbox: the mail row is
 * written in the transaction that records the event as processed, and its notification key (event id,
 * kind) makes a second write a no-op, so a redelivered or replayed event sends nothing twice. A mail
 * whose recipient has no contact e-mail in the directory is skipped and logged.
 */
@ApplicationScoped
public class LicensingNotifications implements EventConsumer {

    static final String CONSUMER = "licensing-notifications";
    private static final Logger LOG = Logger.getLogger(LicensingNotifications.class);
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance awaitingApproval(String solutionName, String adopterName, String adopterAgs,
                String operatorName, String requestedOn, String licenseId);

        static native TemplateInstance granted(String solutionName, String providerName, String operatorName, String licenseId);

        static native TemplateInstance rejected(String solutionName, String providerName, String reason, String licenseId,
                String scalingRoundId);

        static native TemplateInstance deploymentLive(String solutionName, String operatorName, String activatedOn, String licenseId);

        static native TemplateInstance deploymentRequested(String solutionName, String adopterName, String adopterAgs,
                String hostingModes, String deploymentId, String licenseId);
    }

    private final IdempotentConsumer inbox;
    private final MailOutbox mails;
    private final LicenseRepository licenses;
    private final CatalogMunicipalityRepository municipalities;
    private final CatalogOperatorRepository operators;
    private final WebhookService webhooks;
    private final ZoneId zone;

    public LicensingNotifications(IdempotentConsumer inbox, MailOutbox mails, LicenseRepository licenses,
            CatalogMunicipalityRepository municipalities, CatalogOperatorRepository operators, WebhookService webhooks,
            @ConfigProperty(name = "kommunalmarkt.time.zone", defaultValue = "Europe/Berlin") ZoneId zone) {
        this.inbox = inbox;
        this.mails = mails;
        this.licenses = licenses;
        this.municipalities = municipalities;
        this.operators = operators;
        this.webhooks = webhooks;
        this.zone = zone;
    }

    @Override
    public Map<String, Consumer<ReceivedEvent>> effects() {
        return Map.of(CONSUMER, this::apply);
    }

    @Incoming("notify-licenses")
    @Blocking
    public void onLicenseEvent(ConsumerRecord<String, String> record) {
        inbox.apply(CONSUMER, record);
    }

    @Incoming("notify-deployments")
    @Blocking
    public void onDeploymentEvent(ConsumerRecord<String, String> record) {
        inbox.apply(CONSUMER, record);
    }

    void apply(ReceivedEvent event) {
        switch (event.type()) {
            case LICENSE_REQUESTED -> awaitingApproval(event.id(), event.as(LicenseRequested.class));
            case LICENSE_GRANTED -> granted(event.id(), event.as(LicenseGranted.class));
            case LICENSE_REJECTED -> rejected(event.id(), event.as(LicenseRejected.class));
            case LICENSE_ACTIVATED -> deploymentLive(event.id(), event.as(LicenseActivated.class));
            case DEPLOYMENT_REQUESTED -> deploymentRequested(event.id(), event.as(DeploymentRequested.class));
            default -> {
                // nobody needs a mail for the other events
            }
        }
    }

    private void awaitingApproval(UUID eventId, LicenseRequested e) {
        License license = licenses.findByIdOptional(UUID.fromString(e.licenseId())).orElse(null);
        if (license == null || !license.leftToProvider()) {
            return; // granted at once (AUTO, or a scaling round's commitment): nothing awaits the provider
        }
        queue(eventId, "awaiting-approval", municipalityEmail(e.providerAgs()),
                "Lizenzanfrage für „" + license.solutionName + "“ wartet auf Ihre Genehmigung",
                Templates.awaitingApproval(license.solutionName, municipalityName(e.adopterAgs()), e.adopterAgs(),
                        operatorName(e.operatorId()), date(e.requestedAt()), e.licenseId()));
    }

    private void granted(UUID eventId, LicenseGranted e) {
        queue(eventId, "granted", municipalityEmail(e.adopterAgs()),
                "Ihre Lizenz für „" + e.solutionName() + "“ wurde erteilt",
                Templates.granted(e.solutionName(), municipalityName(e.providerAgs()), operatorName(e.operatorId()), e.licenseId()));
    }

    private void rejected(UUID eventId, LicenseRejected e) {
        License license = licenses.findByIdOptional(UUID.fromString(e.licenseId())).orElse(null);
        String solutionName = license == null ? "Ihre angefragte Lösung" : license.solutionName;
        // a scaling round's commitment refused by a rule of licensing, not by the provider
        String scalingRoundId = license == null || license.scalingRoundId == null ? null : license.scalingRoundId.toString();
        queue(eventId, "rejected", municipalityEmail(e.adopterAgs()),
                "Ihre Lizenzanfrage für „" + solutionName + "“ wurde abgelehnt",
                Templates.rejected(solutionName, municipalityName(e.providerAgs()), e.reason(), e.licenseId(), scalingRoundId));
    }

    private void deploymentLive(UUID eventId, LicenseActivated e) {
        License license = licenses.findByIdOptional(UUID.fromString(e.licenseId())).orElse(null);
        String solutionName = license == null ? e.solutionId() : license.solutionName;
        String operatorName = license == null ? "Ihr Betreiber" : operatorName(license.operatorId);
        queue(eventId, "deployment-live", municipalityEmail(e.adopterAgs()),
                "„" + solutionName + "“ ist in Betrieb",
                Templates.deploymentLive(solutionName, operatorName, e.activatedOn().format(GERMAN_DATE), e.licenseId()));
    }

    private void deploymentRequested(UUID eventId, DeploymentRequested e) {
        if (webhooks.isRegistered(e.operatorId())) {
            return; // the operator hears of it on its webhook
        }
        String email = operators.findByIdOptional(e.operatorId()).map(o -> o.contactEmail).orElse(null);
        queue(eventId, "deployment-requested", email,
                "Neuer Bereitstellungsauftrag: „" + e.solutionName() + "“ für " + municipalityName(e.adopterAgs()),
                Templates.deploymentRequested(e.solutionName(), municipalityName(e.adopterAgs()), e.adopterAgs(),
                        String.join(", ", e.hostingModes().stream().map(Enum::name).toList()), e.deploymentId(), e.licenseId()));
    }

    private void queue(UUID eventId, String kind, String recipient, String subject, TemplateInstance body) {
        if (recipient == null || recipient.isBlank()) {
            LOG.warnf("No contact e-mail for the %s notification of event %s: not sent", kind, eventId);
            return;
        }
        mails.queue(Notification.of(eventId + "/" + kind, recipient, subject, body.render()));
    }

    private String municipalityEmail(String ags) {
        return municipalities.findByIdOptional(ags).map(m -> m.contactEmail).orElse(null);
    }

    private String municipalityName(String ags) {
        return municipalities.findByIdOptional(ags).map((CatalogMunicipality m) -> m.name).orElse("Gemeinde " + ags);
    }

    private String operatorName(String operatorId) {
        return operators.findByIdOptional(operatorId).map((CatalogOperator o) -> o.name).orElse(operatorId);
    }

    private String date(Instant instant) {
        return LocalDate.ofInstant(instant, zone).format(GERMAN_DATE);
    }
}
