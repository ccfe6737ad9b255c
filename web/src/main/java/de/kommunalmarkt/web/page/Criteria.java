package de.kommunalmarkt.web.page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Map;

/**
 * The criteria of the catalog's transfer-readiness gate in German (the catalog names them by code and
 * in English): one text for the public solution page and the provider's checklist
 * (templates: {@code inject:criteria.requirement(code, fallback)}).
 */
@Named("criteria")
@ApplicationScoped
public class Criteria {

    /** A criterion in German, with the provider's form field to fill in ({@code anchor}) and the API's field name. */
    public record Text(String requirement, String hint, String anchor, String apiField) {
    }

    static final Map<String, Text> TEXTS = Map.ofEntries(
            Map.entry("DOCUMENTATION_LINK", new Text("Link zur Dokumentation angegeben",
                    "Tragen Sie den Link zur Dokumentation ein.", "documentationUrl", "documentationUrl")),
            Map.entry("SOURCE_LICENSE", new Text("Lizenz des Quellcodes angegeben (SPDX-Kennung)",
                    "Geben Sie die Lizenz des Quellcodes als SPDX-Kennung an, z. B. EUPL-1.2.", "sourceLicense", "sourceLicense")),
            Map.entry("DATA_PROTECTION_STATEMENT", new Text("Datenschutzerklärung (DSGVO) verlinkt",
                    "Verlinken Sie die Datenschutzerklärung im Qualitätsprofil.", "qualityProfile-dataProtectionStatementUrl",
                    "qualityProfile.dataProtectionStatementUrl")),
            Map.entry("IT_SECURITY_CONCEPT", new Text("IT-Sicherheitskonzept verlinkt",
                    "Verlinken Sie das IT-Sicherheitskonzept im Qualitätsprofil.", "qualityProfile-securityConceptUrl",
                    "qualityProfile.securityConceptUrl")),
            Map.entry("ACCESSIBILITY", new Text(
                    "Erklärung zur Barrierefreiheit (BITV 2.0) verlinkt oder keine Benutzeroberfläche",
                    "Verlinken Sie die Erklärung zur Barrierefreiheit oder kreuzen Sie „Die Lösung hat keine Benutzeroberfläche“ an.",
                    "qualityProfile-accessibilityStatementUrl", "qualityProfile.accessibilityStatementUrl")),
            Map.entry("REFERENCE_ENVIRONMENTS", new Text(
                    "Mindestens 2 Referenzumgebungen, die sich in Betreiber oder Betriebsform unterscheiden",
                    "Nennen Sie mindestens zwei Referenzumgebungen mit verschiedenem Betreiber oder verschiedener Betriebsform.",
                    "referenceEnvironments", "referenceEnvironments")),
            Map.entry("SUPPORTED_OPERATOR_TYPE", new Text("Mindestens eine unterstützte Betreiberart",
                    "Kreuzen Sie mindestens eine Betreiberart an, die die Lösung betreiben kann.", "supportedOperatorTypes",
                    "supportedOperatorTypes")),
            Map.entry("PLAN", new Text("Mindestens ein Tarif",
                    "Legen Sie unten mindestens einen Tarif an, z. B. einen kostenfreien oder pauschalen.", "neuer-tarif", "plans")),
            Map.entry("MATURITY", new Text("Reife mindestens „Pilot“",
                    "Setzen Sie die Reife auf mindestens „Pilot“, sobald die Lösung in einem Pilotbetrieb läuft.", "maturity",
                    "maturity")),
            Map.entry("OSI_OR_EUPL_LICENSE", new Text("Lizenz ist OSI-anerkannt oder die EUPL",
                    "Wählen Sie möglichst eine OSI-anerkannte Lizenz oder die EUPL.", "sourceLicense", null)),
            Map.entry("OPEN_STANDARD", new Text("Mindestens ein offener Standard oder eine offene Schnittstelle",
                    "Nennen Sie die offenen Standards und Schnittstellen, z. B. OParl oder OGC SensorThings API.", "standards",
                    null)),
            Map.entry("SUPPORT", new Text("Support-Kontakt und Reaktionszeit angegeben",
                    "Geben Sie eine Support-E-Mail-Adresse und die Reaktionszeit in Stunden an.", "qualityProfile-supportContact",
                    null)));

    /** The German requirement of a criterion, or the API's own text for a criterion this page does not know yet. */
    public String requirement(Object code, Object fallback) {
        Text text = code == null ? null : TEXTS.get(code.toString());
        return text != null ? text.requirement() : fallback == null ? "" : fallback.toString();
    }
}
