package de.kommunalmarkt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Who may open which page of the web front end, checked in the browser with each role's real session:
 * every page of a role answers 200 and passes axe-core (no serious or critical violation); every page of
 * another role answers 403; an anonymous visitor is sent to the log-in. A provider cannot open another
 * provider's draft even by its address; an adopter sees no admin menu. A form posted without its CSRF
 * token, or with a forged one, is refused and changes nothing.
 */
@Order(141)
class WebAccessTest {

    private final LocalStack stack = SharedStack.get();
    private final Marketplace market = new Marketplace(stack);
    private final Discrepancies discrepancies = new Discrepancies();
    private final Map<String, List<String>> accessibility = Browser.newReport();
    private int checks;

    /** Each page (the navigation's entries and their sub-pages without ids) and the roles that may open it. */
    private static final Map<String, List<String>> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("/katalog", List.of("anyone"));
        PAGES.put("/skalierungsrunden", List.of("anyone"));
        PAGES.put("/lizenzen", List.of("adopter"));
        PAGES.put("/rechnungen", List.of("adopter", "billing-admin"));
        PAGES.put("/anbieter/loesungen", List.of("provider"));
        PAGES.put("/anbieter/loesungen/neu", List.of("provider"));
        PAGES.put("/anbieter/freigaben", List.of("provider"));
        PAGES.put("/anbieter/erloese", List.of("provider"));
        PAGES.put("/betrieb", List.of("operator"));
        PAGES.put("/betrieb/webhook", List.of("operator"));
        PAGES.put("/abrechnung", List.of("billing-admin"));
        PAGES.put("/abrechnung/zahlungen", List.of("billing-admin"));
        PAGES.put("/abrechnung/mahnungen", List.of("billing-admin"));
        PAGES.put("/abrechnung/anbieter", List.of("billing-admin"));
        PAGES.put("/abrechnung/abgleich", List.of("billing-admin"));
        PAGES.put("/verwaltung", List.of("marketplace-admin"));
        PAGES.put("/verwaltung/kommunen/neu", List.of("marketplace-admin"));
        PAGES.put("/verwaltung/betreiber/neu", List.of("marketplace-admin"));
        PAGES.put("/verwaltung/lizenzen", List.of("marketplace-admin"));
        PAGES.put("/verwaltung/dead-letters", List.of("marketplace-admin"));
    }

    /** Demo users and the roles they hold (identity/kommunalmarkt-realm.json). */
    private static final Map<String, List<String>> USERS = Map.of(
            "bamberg", List.of("anyone", "adopter"),
            "ulm", List.of("anyone", "adopter", "provider"),
            "kommone", List.of("anyone", "operator"),
            "billing", List.of("anyone", "billing-admin"),
            "admin", List.of("anyone", "marketplace-admin"));

    @Test
    void everyRoleSeesItsPagesAndNoOther() {
        try (Browser visitor = new Browser(stack)) {
            visitor.open("/katalog");
            for (Map.Entry<String, List<String>> page : PAGES.entrySet()) {
                int expected = page.getValue().contains("anyone") ? 200 : 302;
                check("anonymous " + page.getKey(), expected, visitor.status(page.getKey()));
            }
            visitor.open("/anbieter/freigaben");
            require("an anonymous visitor is sent to Keycloak's log-in", visitor.has("kc-form-login") || visitor.has("username"));
        }
        for (Map.Entry<String, List<String>> user : USERS.entrySet()) {
            try (Browser browser = new Browser(stack)) {
                browser.login(user.getKey());
                for (Map.Entry<String, List<String>> page : PAGES.entrySet()) {
                    boolean own = page.getValue().stream().anyMatch(user.getValue()::contains);
                    int status = browser.status(page.getKey());
                    if (check(user.getKey() + " " + page.getKey(), own ? 200 : 403, status) && own) {
                        browser.open(page.getKey());
                        browser.audit(user.getKey() + page.getKey().replace('/', '-'), accessibility);
                    }
                }
                browser.open("/katalog");
                boolean adminMenu = !browser.all("header nav a[href='/verwaltung']").isEmpty();
                check(user.getKey() + " sees the admin menu", user.getValue().contains("marketplace-admin"), adminMenu);
                boolean billingMenu = !browser.all("header nav a[href='/abrechnung']").isEmpty();
                check(user.getKey() + " sees the billing menu", user.getValue().contains("billing-admin"), billingMenu);
            }
        }
        accessibility.forEach((page, violations) -> discrepancies.add("axe on " + page + ": " + violations));
        discrepancies.report("E2E web access: " + checks + " checks");
        assertThat(accessibility).isEmpty();
    }

    @Test
    void aProviderCannotOpenAnotherProvidersDraftEvenByItsAddress() {
        String name = "Entwurf von Ulm " + UUID.randomUUID().toString().substring(0, 6);
        String draftId = market.expect(201, "POST", "catalog", "/api/solutions", "ulm", Marketplace.solutionJson(name, "AUTO"))
                .get("id").asText();
        try (Browser koeln = new Browser(stack); Browser ulm = new Browser(stack)) {
            ulm.login("ulm");
            check("ulm opens its own draft", 200, ulm.status("/anbieter/loesungen/" + draftId));
            koeln.login("koeln");
            for (String page : List.of("/anbieter/loesungen/" + draftId, "/katalog/" + draftId,
                    "/anbieter/loesungen/" + draftId + "/wirtschaftlichkeit")) {
                int status = koeln.status(page);
                require("koeln is refused " + page + " (got " + status + ")", status == 403 || status == 404);
                koeln.open(page);
                require("koeln does not see the draft's name on " + page, !koeln.text("inhalt").contains(name));
            }
            koeln.screenshot("fremder-entwurf");
        }
        discrepancies.report("E2E web: another provider's draft, " + checks + " checks");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        JsonNode page = market.expect(200, "GET", "catalog", "/api/solutions?size=50", null, null);
        JsonNode solution = null;
        for (JsonNode s : page.get("items")) {
            if ("AUTO".equals(market.expect(200, "GET", "catalog", "/api/solutions/" + s.get("id").asText(), null, null)
                    .path("approvalPolicy").asText()) || solution == null) {
                solution = s;
            }
        }
        String solutionId = solution.get("id").asText();
        JsonNode full = market.expect(200, "GET", "catalog", "/api/solutions/" + solutionId, null, null);
        String planId = full.get("plans").get(0).get("id").asText();
        long before = market.expect(200, "GET", "licensing", "/api/licenses?size=1", "bamberg", null).get("total").asLong();
        try (Browser bamberg = new Browser(stack)) {
            bamberg.login("bamberg");
            bamberg.open("/katalog/" + solutionId);
            String form = "planId=" + planId + "&operatorId=akdb";
            Map<String, Object> without = bamberg.fetch("POST", "/katalog/" + solutionId + "/lizenz", form);
            int status = ((Number) without.get("status")).intValue();
            require("a licence request without CSRF token is refused (got " + status + ")", status == 400 || status == 403);
            Map<String, Object> forged = bamberg.fetch("POST", "/katalog/" + solutionId + "/lizenz", form + "&csrf-token=forged");
            status = ((Number) forged.get("status")).intValue();
            require("a licence request with a forged CSRF token is refused (got " + status + ")", status == 400 || status == 403);
            for (String path : List.of("/verwaltung", "/abrechnung", "/betrieb")) {
                check("bamberg posts to " + path + " without token", true,
                        List.of(400, 403, 405).contains(((Number) bamberg.fetch("POST", path, "x=1").get("status")).intValue()));
            }
        }
        check("no licence was created by the refused forms", before,
                market.expect(200, "GET", "licensing", "/api/licenses?size=1", "bamberg", null).get("total").asLong());
        discrepancies.report("E2E web: CSRF, " + checks + " checks");
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
