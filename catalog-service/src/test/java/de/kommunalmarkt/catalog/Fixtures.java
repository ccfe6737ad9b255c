package de.kommunalmarkt.catalog;

import static io.restassured.RestAssured.given;

import de.kommunalmarkt.testsupport.TestTokens;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Requests as providers and admins send them, built as JSON maps so a test can break one field. Every
 * test works with municipalities of its own (random AGS), so tests sharing the database do not meet.
 */
public final class Fixtures {

    /** An AGS no real city has (cities end in 000), registered by nobody else. */
    public static String randomAgs() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "%02d%03d%03d".formatted(random.nextInt(1, 17), random.nextInt(0, 1000), random.nextInt(100, 1000));
    }

    /** A Leitweg-ID with correct check digits (ISO/IEC 7064 MOD 97-10). */
    public static String leitwegId(String coarse, String fine) {
        StringBuilder digits = new StringBuilder();
        for (char c : (coarse + fine).toUpperCase().toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(digits + "00").mod(BigInteger.valueOf(97)).intValue();
        return coarse + (fine.isEmpty() ? "" : "-" + fine) + "-%02d".formatted(check);
    }

    public static Map<String, Object> municipality(String ags, String name, long inhabitants) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ags", ags);
        m.put("name", name);
        m.put("inhabitants", inhabitants);
        m.put("leitwegId", leitwegId(ags, "KM001"));
        m.put("billingAddress", Map.of("street", "Rathausplatz 1", "postalCode", "12345", "city", name, "countryCode", "DE"));
        m.put("contactEmail", "it@kommune-" + ags + ".example.org");
        return m;
    }

    /** Registers a municipality through the directory API and returns its AGS. */
    public static String registeredMunicipality(String name) {
        String ags = randomAgs();
        given().auth().oauth2(TestTokens.marketplaceAdmin()).contentType("application/json")
                .body(municipality(ags, name, 50_000)).when().post("/api/municipalities").then().statusCode(201);
        return ags;
    }

    /** A solution entry that passes every criterion of the gate once it has a plan. */
    public static Map<String, Object> readySolution(String name) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("summary", "Bodensensoren melden freie Parkplätze in Echtzeit.");
        s.put("description", "Magnetfeldsensoren erkennen belegte Stellplätze und funken den Zustand an eine Datenplattform.");
        s.put("category", "MOBILITY");
        s.put("sourceLicense", "EUPL-1.2");
        s.put("maturity", "PRODUCTION");
        s.put("hostingModes", new ArrayList<>(List.of("CLOUD", "ON_PREMISES")));
        s.put("standards", new ArrayList<>(List.of("OGC SensorThings API")));
        s.put("supportedOperatorTypes", new ArrayList<>(List.of("REGIONAL_IT_PROVIDER", "SELF_OPERATED")));
        s.put("referenceEnvironments", new ArrayList<>(List.of(
                Map.of("municipality", "Köln", "ags", "05315000", "operator", "Stadt Köln", "hostingMode", "ON_PREMISES"),
                Map.of("municipality", "Bonn", "operator", "ITK Rheinland", "hostingMode", "CLOUD"))));
        s.put("documentationUrl", "https://docs.example.org/parken");
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("dataProtectionStatementUrl", "https://docs.example.org/parken/datenschutz");
        quality.put("securityConceptUrl", "https://docs.example.org/parken/sicherheit");
        quality.put("accessibilityStatementUrl", "https://docs.example.org/parken/barrierefreiheit");
        quality.put("supportContact", "support@example.org");
        quality.put("supportResponseHours", 24);
        s.put("qualityProfile", quality);
        s.put("approvalPolicy", "AUTO");
        return s;
    }

    /** A plan of the model with the given field/value pairs; VAT 19 % (S) unless given. */
    public static Map<String, Object> plan(String name, String model, Object... fields) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("model", model);
        for (int i = 0; i < fields.length; i += 2) {
            p.put((String) fields[i], fields[i + 1]);
        }
        p.putIfAbsent("vatRate", new java.math.BigDecimal("0.19"));
        p.putIfAbsent("vatCategory", "S");
        return p;
    }

    public static Map<String, Object> flatPlan(String monthlyFee) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", "Pauschal " + monthlyFee);
        p.put("model", "FLAT");
        p.put("monthlyFee", new java.math.BigDecimal(monthlyFee));
        p.put("setupFee", new java.math.BigDecimal("500.00"));
        p.put("minimumTermMonths", 12);
        p.put("noticePeriodDays", 90);
        p.put("vatRate", new java.math.BigDecimal("0.19"));
        p.put("vatCategory", "S");
        return p;
    }

    /** Drafts the solution as the provider and returns its id. */
    public static String draft(String providerToken, Map<String, Object> solution) {
        return given().auth().oauth2(providerToken).contentType("application/json").body(solution)
                .when().post("/api/solutions").then().statusCode(201).extract().path("id");
    }

    public static String addPlan(String providerToken, String solutionId, Map<String, Object> plan) {
        return given().auth().oauth2(providerToken).contentType("application/json").body(plan)
                .when().post("/api/solutions/{id}/plans", solutionId).then().statusCode(201).extract().path("id");
    }

    public static void publish(String providerToken, String solutionId) {
        given().auth().oauth2(providerToken).when().post("/api/solutions/{id}/publish", solutionId).then().statusCode(200);
    }

    /** A published solution of the provider, with one FLAT plan. */
    public static String publishedSolution(String providerAgs, String name) {
        String token = TestTokens.provider(providerAgs);
        String id = draft(token, readySolution(name));
        addPlan(token, id, flatPlan("300.00"));
        publish(token, id);
        return id;
    }

    /** A word nobody else's test data contains, to find exactly this test's solutions. */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private Fixtures() {
    }
}
