package de.kommunalmarkt.web.page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * German words for the APIs' codes and German number and date formats (templates: {@code inject:labels}).
 * An unknown code is shown as it is rather than hidden.
 */
@Named("labels")
@ApplicationScoped
public class Labels {

    private static final Locale DE = Locale.GERMANY;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static final Map<String, String> WORDS = Map.ofEntries(
            // categories
            Map.entry("MOBILITY", "Mobilität"), Map.entry("PARTICIPATION", "Beteiligung"),
            Map.entry("CITIZEN_SERVICES", "Bürgerservice"), Map.entry("ADMINISTRATION", "Verwaltung"),
            Map.entry("ENVIRONMENT_AND_CLIMATE", "Umwelt und Klima"), Map.entry("ENERGY", "Energie"),
            Map.entry("URBAN_DATA", "Stadtdaten"), Map.entry("EDUCATION", "Bildung"),
            Map.entry("HEALTH_AND_SOCIAL", "Gesundheit und Soziales"), Map.entry("PUBLIC_SAFETY", "Öffentliche Sicherheit"),
            Map.entry("TOURISM_AND_CULTURE", "Tourismus und Kultur"), Map.entry("INFRASTRUCTURE", "Infrastruktur"),
            // operator types and hosting
            Map.entry("SELF_OPERATED", "Eigenbetrieb"), Map.entry("REGIONAL_IT_PROVIDER", "Kommunaler IT-Dienstleister"),
            Map.entry("PRIVATE_IT_PROVIDER", "Privater IT-Dienstleister"), Map.entry("CIVIL_SOCIETY", "Zivilgesellschaft"),
            Map.entry("ON_PREMISES", "Im eigenen Rechenzentrum"), Map.entry("CLOUD", "Cloud"), Map.entry("SAAS", "Software as a Service"),
            // maturity
            Map.entry("PROTOTYPE", "Prototyp"), Map.entry("PILOT", "Pilot"), Map.entry("PRODUCTION", "Im Betrieb"),
            Map.entry("SCALED", "Bereits übertragen"),
            // solution, licence and deployment states
            Map.entry("DRAFT", "Entwurf"), Map.entry("PUBLISHED", "Veröffentlicht"), Map.entry("DEPRECATED", "Abgekündigt"),
            Map.entry("REQUESTED", "Beantragt"), Map.entry("GRANTED", "Erteilt"), Map.entry("REJECTED", "Abgelehnt"),
            Map.entry("CANCELLED", "Storniert"), Map.entry("ACTIVE", "Aktiv"), Map.entry("SUSPENDED", "Ausgesetzt"),
            Map.entry("TERMINATED", "Beendet"), Map.entry("QUEUED", "In der Warteschlange"), Map.entry("ACCEPTED", "Angenommen"),
            Map.entry("COMPLETED", "Abgeschlossen"), Map.entry("FAILED", "Fehlgeschlagen"),
            // pricing
            Map.entry("FLAT", "Pauschal"), Map.entry("PER_INHABITANT", "Pro Einwohner"), Map.entry("TIERED", "Nach Größenklassen"),
            Map.entry("COST_SHARING", "Kostenumlage"), Map.entry("FREE", "Kostenfrei"), Map.entry("INHABITANTS", "nach Einwohnern"),
            Map.entry("EQUAL", "zu gleichen Teilen"), Map.entry("AUTO", "automatisch"), Map.entry("MANUAL", "nach Prüfung"),
            // billing
            Map.entry("OPEN", "Offen"), Map.entry("PAID", "Bezahlt"), Map.entry("OVERPAID", "Überzahlt"),
            Map.entry("RUNNING", "Läuft"), Map.entry("SUCCEEDED", "Erfolgreich"), Map.entry("CLOSED", "Geschlossen"),
            Map.entry("MUST", "Pflicht"), Map.entry("SHOULD", "Empfohlen"),
            // licence history steps, invoice lines, credit balance movements (LicensePage, InvoicePage)
            Map.entry("REQUEST", "Anfrage"), Map.entry("APPROVE", "Freigabe"), Map.entry("REJECT", "Ablehnung"), Map.entry("CANCEL", "Stornierung"),
            Map.entry("ACTIVATE", "Inbetriebnahme"), Map.entry("REDEPLOY", "Erneute Bereitstellung"), Map.entry("SUSPEND", "Aussetzung"), Map.entry("RESUME", "Wiederaufnahme"),
            Map.entry("TERMINATE", "Kündigung"), Map.entry("END", "Ende der Laufzeit"), Map.entry("USAGE", "Nutzung"), Map.entry("SETUP_FEE", "Einrichtung"),
            Map.entry("CONTRIBUTION", "Skalierungsbeitrag"), Map.entry("OVERPAYMENT", "Überzahlung"), Map.entry("CREDIT_NOTE", "Gutschrift"), Map.entry("OFFSET", "Verrechnung"),
            Map.entry("REFUND", "Erstattung"), Map.entry("MIXED", "gemischt (Einwohner und gleiche Teile)"),
            // deployment events on the operator board, dunning levels, dead-letter replays (OperatorBoardPage, BillingDunningPage, AdminDeadLettersPage)
            Map.entry("DeploymentRequested", "Neue Bereitstellung angefragt"), Map.entry("DeploymentAccepted", "Bereitstellung angenommen"),
            Map.entry("DeploymentCompleted", "Bereitstellung in Betrieb"), Map.entry("DeploymentFailed", "Bereitstellung fehlgeschlagen"),
            Map.entry("DeploymentCancelled", "Bereitstellung storniert"), Map.entry("REMINDER", "Zahlungserinnerung"),
            Map.entry("FIRST_NOTICE", "1. Mahnung"), Map.entry("FINAL_NOTICE", "2. Mahnung"), Map.entry("APPLIED", "angewendet"),
            Map.entry("DUPLICATE", "schon verarbeitet"),
            // webhook deliveries (OperatorWebhookPage)
            Map.entry("PENDING", "Ausstehend"), Map.entry("DELIVERED", "Zugestellt"));

    /** The German word for a code, or the code itself. */
    public String of(Object code) {
        if (code == null) {
            return "";
        }
        return WORDS.getOrDefault(code.toString(), code.toString());
    }

    /** An amount in euros, German style: 1.234,50 €. */
    public String eur(Object amount) {
        BigDecimal value = decimal(amount);
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(DE);
        return format.format(value.setScale(2, RoundingMode.HALF_UP));
    }

    /** A count or number, German style: 1.084.831 or 0,05. */
    public String num(Object number) {
        BigDecimal value = decimal(number);
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(DE);
        format.setMaximumFractionDigits(4);
        return format.format(value);
    }

    /** A share (0.19) as a percentage: 19 %. */
    public String percent(Object share) {
        BigDecimal value = decimal(share);
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(DE);
        format.setMaximumFractionDigits(1);
        return format.format(value.movePointRight(2)) + " %";
    }

    /** A date (2026-12-03) or timestamp as 03.12.2026 (timestamps with the time of day in Berlin). */
    public String date(Object iso) {
        if (iso == null || iso.toString().isBlank()) {
            return "–";
        }
        String text = iso.toString();
        try {
            if (text.length() <= 10) {
                return LocalDate.parse(text).format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
            }
            return OffsetDateTime.parse(text).atZoneSameInstant(BERLIN)
                    .format(DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm"));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal b) {
            return b;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
