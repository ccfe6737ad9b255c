package de.kommunalmarkt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The web front end on the real stack, in real browsers (headless chromium), one per person: a visitor
 * finds the solution; an adopter logs in at Keycloak, sees the price for its municipality and requests a
 * licence; the provider approves it in the inbox; the operator's board shows the deployment without a
 * reload and the operator completes it; the billing admin starts the run and watches the progress bar
 * end; the adopter opens the invoice and downloads the XRechnung, which validates. Every page on the way
 * is screenshotted (target/screenshots) and checked with axe-core: no serious or critical violation. No
 * token appears in any address the browsers visited, nor in the web front end's log.
 */
@Order(140)
class WebJourneyTest {

    private static final String STATE = "15";
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final Pattern LICENSE_URL = Pattern.compile("/lizenzen/([0-9a-f-]{36})");

    private final LocalStack stack = SharedStack.get();
    private final Marketplace market = new Marketplace(stack);
    private final Discrepancies discrepancies = new Discrepancies();
    private final Map<String, List<String>> accessibility = Browser.newReport();
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private int checks;

    @Test
    void aLicenceFromSearchToValidXRechnungInTheBrowser() throws Exception {
        // What the marketplace admin and the provider's own API client did before (fixtures over the APIs)
        String providerAgs = market.unregisteredAgs(STATE);
        market.municipality(providerAgs, "Webstadt " + tag, 120_000);
        String provider = "web-prov-" + tag;
        market.user(provider, List.of("provider"), Map.of("municipality", providerAgs));
        String adopterAgs = market.unregisteredAgs(STATE);
        market.municipality(adopterAgs, "Webdorf " + tag, 8_000);
        String adopter = "web-adopt-" + tag;
        market.user(adopter, List.of("adopter"), Map.of("municipality", adopterAgs));
        String operatorId = "web-op-" + tag;
        market.operator(operatorId, "Webbetrieb " + tag, "REGIONAL_IT_PROVIDER", 5, List.of(STATE));
        String operatorUser = "web-ops-" + tag;
        market.user(operatorUser, List.of("operator"), Map.of("operator", operatorId));
        String name = "Parkleitsystem Web " + tag;
        Marketplace.Published solution = market.publishedSolution(provider, Marketplace.solutionJson(name, "MANUAL"),
                Marketplace.flatPlanJson("Standard", "250.00"));
        market.awaitJson("catalog", "/api/solutions?q=" + tag, null, EVENTUALLY, page -> page.get("total").asLong() == 1);
        market.awaitJson("billing", "/api/price-preview?solutionId=" + solution.solutionId(), adopter, EVENTUALLY,
                preview -> preview.get("plans").size() == 1);
        market.awaitConsumed("licensing-service", EVENTUALLY, "catalog.solutions", "catalog.directory");

        try (Browser visitor = new Browser(stack); Browser adopting = new Browser(stack); Browser providing = new Browser(stack);
                Browser operating = new Browser(stack); Browser billing = new Browser(stack)) {

            // A visitor searches the catalog
            visitor.open("/katalog");
            visitor.audit("katalog", accessibility);
            visitor.type("q", name);
            visitor.find("suche").submit();
            visitor.awaitText("treffer", EVENTUALLY, t -> t.startsWith("1 "));
            require("the search finds the solution", !visitor.all("#treffer-liste a[href='/katalog/" + solution.solutionId() + "']").isEmpty());
            visitor.audit("katalog-suche", accessibility);
            visitor.screenshotAt("katalog-telefon", 390, 844);
            visitor.open("/katalog/" + solution.solutionId());
            visitor.audit("loesung-anonym", accessibility);
            require("no licence form for a visitor", !visitor.has("lizenz-anfrage"));

            // The adopter logs in at Keycloak, sees its price and requests a licence
            adopting.login(adopter);
            adopting.open("/katalog");
            adopting.type("q", name);
            adopting.find("suche").submit();
            adopting.awaitText("treffer", EVENTUALLY, t -> t.startsWith("1 "));
            adopting.clickAndLoad(adopting.all("#treffer-liste a[href='/katalog/" + solution.solutionId() + "']").get(0));
            adopting.audit("loesung-angemeldet", accessibility);
            String prices = adopting.text("tarife");
            require("the price for the adopter's municipality (250,00 € net, 297,50 € gross): " + prices,
                    prices.contains("250,00 €") && prices.contains("297,50 €"));
            new Select(adopting.find("planId")).selectByValue(solution.planId());
            new Select(adopting.find("operatorId")).selectByValue(operatorId);
            adopting.submit("lizenz-anfrage");
            Matcher m = LICENSE_URL.matcher(adopting.url());
            require("after the request the licence's page opens: " + adopting.url(), m.find());
            String licenseId = m.group(1);
            check("the licence waits for the provider", "REQUESTED", market.license(adopter, licenseId).get("state").asText());
            require("the page says the request arrived", adopting.text("inhalt").contains("Ihre Anfrage ist eingegangen"));
            check("the licence page shows its state", "Beantragt", adopting.text("status"));
            adopting.audit("lizenz-beantragt", accessibility);

            // The operator has its board open before anything is approved
            operating.login(operatorUser);
            operating.open("/betrieb");
            check("the board shows the operator's free slots", "5", operating.text("kapazitaet-frei"));
            operating.audit("betrieb", accessibility);

            // The provider approves in the inbox
            providing.login(provider);
            providing.open("/anbieter/freigaben");
            providing.await("anfrage-" + licenseId, EVENTUALLY);
            providing.audit("freigaben", accessibility);
            providing.clickAndLoad("freigeben-" + licenseId);
            JsonNode granted = market.awaitJson("licensing", "/api/licenses/" + licenseId, adopter, EVENTUALLY,
                    l -> l.path("deployment").hasNonNull("id"));
            check("approved in the inbox", "GRANTED", granted.get("state").asText());
            String deploymentId = granted.get("deployment").get("id").asText();
            adopting.open("/lizenzen/" + licenseId);
            check("the adopter sees its licence granted", "Erteilt", adopting.text("status"));
            adopting.audit("lizenz-erteilt", accessibility);

            // The deployment appears on the operator's open board without a reload
            operating.await("deployment-" + deploymentId, EVENTUALLY);
            operating.screenshot("betrieb-live");
            YearMonth period = market.unbilledPeriod(YearMonth.now(Marketplace.ZONE).minusMonths(1), month -> true);
            LocalDate liveOn = period.atDay(1);
            market.grantedBy(deploymentId, liveOn);
            operating.clickAndLoad("annehmen-" + deploymentId);
            check("the accepted deployment holds a slot", "1", operating.text("kapazitaet-belegt"));
            check("one slot fewer is free", "4", operating.text("kapazitaet-frei"));
            operating.submitWith("abschliessen-" + deploymentId, "liveOn", liveOn.toString());
            JsonNode active = market.awaitJson("licensing", "/api/licenses/" + licenseId, adopter, EVENTUALLY,
                    l -> "ACTIVE".equals(l.get("state").asText()));
            check("the licence is live from", liveOn.toString(), active.path("deployment").path("liveOn").asText());
            operating.audit("betrieb-abgeschlossen", accessibility);
            adopting.open("/lizenzen/" + licenseId);
            check("the adopter sees its licence active", "Aktiv", adopting.text("status"));
            adopting.audit("lizenz-aktiv", accessibility);
            adopting.open("/lizenzen");
            require("the licence is listed", adopting.has("lizenz-" + licenseId));
            adopting.audit("lizenzen", accessibility);

            // The billing admin runs billing and watches the progress bar end
            market.awaitConsumed("billing-service", EVENTUALLY, "licensing.licenses", "catalog.directory", "catalog.solutions");
            billing.login("billing");
            billing.open("/abrechnung");
            billing.audit("abrechnung", accessibility);
            billing.set("period", period.toString());
            billing.submit("abrechnungslauf");
            require("the run's page shows a progress bar", billing.has("lauf-fortschritt"));
            billing.screenshot("abrechnungslauf");
            billing.awaitText("lauf-status", Duration.ofMinutes(5),
                    t -> "COMPLETED".equals(billing.find("lauf-status").getAttribute("data-state")));
            check("the progress bar ends full", billing.find("lauf-fortschritt").getAttribute("max"),
                    billing.find("lauf-fortschritt").getAttribute("value"));
            billing.audit("abrechnungslauf-fertig", accessibility);

            // The adopter opens the invoice and downloads the XRechnung
            JsonNode invoices = market.expect(200, "GET", "billing", "/api/invoices?period=" + period + "&municipality=" + adopterAgs,
                    adopter, null);
            check("one invoice for the adopter's period", 1, invoices.get("items").size());
            JsonNode invoice = invoices.get("items").get(0);
            String invoiceId = invoice.get("id").asText();
            adopting.open("/rechnungen?period=" + period);
            require("the invoice is listed", adopting.has("rechnung-" + invoiceId));
            adopting.audit("rechnungen", accessibility);
            adopting.open("/rechnungen/" + invoiceId);
            adopting.audit("rechnung", accessibility);
            String href = adopting.find("xrechnung").getAttribute("href");
            Map<String, Object> download = adopting.fetch("GET", href.replace(adopting.web(), ""), null);
            check("XRechnung download status", 200L, ((Number) download.get("status")).longValue());
            String xml = (String) download.get("body");
            XRechnungValidation.Verdict verdict = XRechnungValidation.of(xml, invoice.path("number").asText("web"));
            require("the downloaded XRechnung validates: " + verdict.report(), verdict.valid());
            require("the XRechnung names the solution", xml.contains(name));

            // No token in any address the browsers went to
            for (Browser b : List.of(visitor, adopting, providing, operating, billing)) {
                for (String url : b.visited) {
                    require("no token in the address " + url, !url.contains("access_token") && !url.contains("id_token")
                            && !url.contains("eyJ"));
                }
            }
        } catch (RuntimeException | AssertionError e) {
            discrepancies.add("the web journey stopped: " + e);
        }
        // ... nor in the web front end's log
        Path log = stack.state().resolve("logs").resolve("web.log");
        String logged = Files.exists(log) ? Files.readString(log) : "";
        require("the web log exists", Files.exists(log));
        require("no token in the web log", !logged.contains("eyJ") && !logged.contains("Bearer "));
        accessibility.forEach((page, violations) -> discrepancies.add("axe on " + page + ": " + violations));
        discrepancies.report("E2E web journey: " + checks + " checks, " + Browser.SCREENSHOTS.toAbsolutePath() + " screenshots");
        assertThat(accessibility).isEmpty();
    }

    private boolean check(String what, Object expected, Object actual) {
        checks++;
        return discrepancies.check(what, expected, actual);
    }

    private boolean require(String what, boolean holds) {
        checks++;
        return discrepancies.require(what, holds);
    }
}
