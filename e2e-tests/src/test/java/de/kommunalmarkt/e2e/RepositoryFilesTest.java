package de.kommunalmarkt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a clone of the repository must hold besides code, checked without the stack (it runs first and
 * takes a second): the EUPL-1.2 licence, declared in the root pom; a publiccode.yml that keeps the
 * publiccode.yml standard 0.4; no file that points outside the repository or at a path of one machine;
 * and no relative Markdown link that leads nowhere. Each failure names the file and line.
 */
@Order(0)
class RepositoryFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("kommunalmarkt.root", "..")).toAbsolutePath().normalize();

    /** The standard's controlled vocabulary of categories (publiccode.yml 0.4, "List of software categories"). */
    private static final Set<String> CATEGORIES = Set.of("accounting", "agile-project-management",
            "applicant-tracking", "application-development", "appointment-scheduling", "backup",
            "billing-and-invoicing", "blog", "budgeting", "business-intelligence", "business-process-management",
            "cad", "call-center-management", "cloud-management", "collaboration", "communications",
            "compliance-management", "contact-management", "content-management", "crm",
            "customer-service-and-support", "data-analytics", "data-collection", "data-visualization", "design",
            "design-system", "digital-asset-management", "digital-citizenship", "document-management",
            "donor-management", "e-commerce", "e-signature", "educational-content", "email-management",
            "email-marketing", "employee-management", "enterprise-project-management",
            "enterprise-social-networking", "erp", "event-management", "facility-management",
            "feedback-and-reviews-management", "financial-reporting", "fleet-management", "fundraising",
            "gamification", "geographic-information-systems", "grant-management", "graphic-design", "help-desk",
            "hr", "ide", "identity-management", "instant-messaging", "inventory-management", "it-asset-management",
            "it-development", "it-management", "it-security", "it-service-management", "knowledge-management",
            "learning-management-system", "marketing", "mind-mapping", "mobile-marketing", "mobile-payment",
            "network-management", "office", "online-booking", "online-community", "payment-gateway", "payroll",
            "predictive-analysis", "procurement", "productivity-suite", "project-collaboration",
            "project-management", "property-management", "real-estate-management", "remote-support",
            "resource-management", "sales-management", "seo", "service-desk", "social-media-management",
            "survey", "talent-management", "task-management", "taxes-management", "test-management",
            "time-management", "time-tracking", "translation", "video-conferencing", "video-editing",
            "visitor-management", "voip", "warehouse-management", "web-collaboration", "web-conferencing",
            "website-builder", "whistleblowing", "workflow-management");
    private static final Set<String> DEVELOPMENT_STATUSES = Set.of("concept", "development", "beta", "stable", "obsolete");
    private static final Set<String> SOFTWARE_TYPES = Set.of("standalone/mobile", "standalone/iot", "standalone/desktop",
            "standalone/web", "standalone/backend", "standalone/other", "addon", "library", "configurationFiles");
    private static final Set<String> MAINTENANCE_TYPES = Set.of("internal", "contract", "community", "none");
    private static final Set<String> URL_KEYS = Set.of("url", "landingURL", "roadmap", "documentation",
            "apiDocumentation", "website", "isBasedOn", "videos");

    /**
     * Text that must not appear in any tracked file: pointers out of the checkout and absolute paths of
     * one machine. Written in pieces, so that this file does not hold what it looks for.
     */
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile(Pattern.quote("../" + "shared")),
            Pattern.compile("(?<![\\w.~-])/" + "work/"),
            Pattern.compile("(?<![\\w.~-])/" + "root/"),
            Pattern.compile("(?<![\\w.~-])/" + "home/[a-z_][a-z0-9_-]*/"),
            Pattern.compile("(?<![\\w.~-])/" + "Users/[A-Za-z]"),
            Pattern.compile("[A-Za-z]:\\\\" + "Users\\\\"));

    /** An inline link or image, {@code [text](target "title")}, and a reference definition, {@code [id]: target}. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    @Test
    void licenceIsTheFullEupl12() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("LICENSE"), StandardCharsets.UTF_8);
        String text = String.join("\n", lines);

        assertThat(lines.stream().filter(l -> !l.isBlank()).findFirst())
                .as("LICENSE:1 must be the EUPL-1.2 title").contains("EUROPEAN UNION PUBLIC LICENCE v. 1.2");
        assertThat(text).as("LICENSE must be the complete official English text of EUPL-1.2").contains(
                "EUPL © the European Union 2007, 2016",
                "This European Union Public Licence (the ‘EUPL’) applies to the Work (as defined below) which is provided under the",
                "Licensed under the EUPL",
                "Copyleft clause: If the Licensee distributes or communicates copies of the Original Works or Derivative Works, this",
                "15.Applicable Law",
                "‘Compatible Licences’ according to Article 5 EUPL are:",
                "All other changes or additions to this Appendix require the production of a new EUPL version.");
    }

    @Test
    void rootPomDeclaresEupl12() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
        List<String> names = new ArrayList<>();
        for (Element licenses : children(pom.getDocumentElement(), "licenses")) {
            for (Element license : children(licenses, "license")) {
                for (Element name : children(license, "name")) {
                    names.add(name.getTextContent().strip());
                }
            }
        }
        assertThat(names).as("pom.xml: <project><licenses><license><name>").containsExactly("EUPL-1.2");
    }

    @Test
    void publiccodeYmlKeepsTheStandard() throws IOException {
        Path file = ROOT.resolve("publiccode.yml");
        JsonNode yml = new YAMLMapper().readTree(file.toFile());
        List<String> problems = new ArrayList<>();
        PubliccodeCheck check = new PubliccodeCheck(yml, problems);

        check.text("publiccodeYmlVersion").ifPresent(v -> check.that(v.equals("0.4"), "publiccodeYmlVersion", "is " + v + ", expected \"0.4\""));
        check.text("name");
        check.text("url").ifPresent(v -> check.that(v.startsWith("https://"), "url", "must be the repository's https URL"));
        check.list("platforms");
        check.list("categories").forEach(c -> check.that(CATEGORIES.contains(c.asText()), "categories",
                "\"" + c.asText() + "\" is not in the standard's list of categories"));
        check.text("developmentStatus").ifPresent(v -> check.that(DEVELOPMENT_STATUSES.contains(v), "developmentStatus",
                "\"" + v + "\" is not one of " + DEVELOPMENT_STATUSES));
        check.text("softwareType").ifPresent(v -> check.that(SOFTWARE_TYPES.contains(v), "softwareType",
                "\"" + v + "\" is not one of " + SOFTWARE_TYPES));
        check.optionalText("releaseDate").ifPresent(v -> check.date("releaseDate", v));

        JsonNode description = yml.path("description");
        check.that(description.isObject() && description.size() > 0, "description", "needs at least one language");
        boolean longDescription = false;
        boolean features = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = description.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> language = it.next();
            String at = "description." + language.getKey();
            check.that(language.getKey().matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"), at, "is not a BCP 47 language tag");
            String shortDescription = language.getValue().path("shortDescription").asText("");
            check.that(!shortDescription.isBlank() && shortDescription.length() <= 150, at + ".shortDescription",
                    "must be 1 to 150 characters, is " + shortDescription.length());
            JsonNode longText = language.getValue().path("longDescription");
            if (!longText.isMissingNode()) {
                longDescription = true;
                check.that(longText.asText().length() >= 150 && longText.asText().length() <= 10_000,
                        at + ".longDescription", "must be 150 to 10,000 characters, is " + longText.asText().length());
            }
            JsonNode featureList = language.getValue().path("features");
            if (!featureList.isMissingNode()) {
                features = true;
                check.that(featureList.isArray() && featureList.size() > 0, at + ".features", "must be a non-empty list");
            }
        }
        check.that(longDescription, "description", "needs a longDescription in at least one language");
        check.that(features, "description", "needs features in at least one language");

        check.text("legal.license").ifPresent(v -> check.that(v.equals("EUPL-1.2"), "legal.license", "is " + v + ", expected EUPL-1.2"));
        check.text("maintenance.type").ifPresent(type -> {
            check.that(MAINTENANCE_TYPES.contains(type), "maintenance.type", "\"" + type + "\" is not one of " + MAINTENANCE_TYPES);
            if (type.equals("internal") || type.equals("community")) {
                check.list("maintenance.contacts").forEach(contact -> check.that(!contact.path("name").asText("").isBlank(),
                        "maintenance.contacts", "every contact needs a name"));
            }
            if (type.equals("contract")) {
                check.list("maintenance.contractors");
            }
        });
        check.that(yml.path("localisation").path("localisationReady").isBoolean(), "localisation.localisationReady",
                "must be true or false");
        check.list("localisation.availableLanguages");
        check.urls(yml, "");

        assertThat(problems).as("publiccode.yml does not keep the publiccode.yml standard 0.4").isEmpty();
    }

    @Test
    void noTrackedFilePointsOutsideTheRepositoryOrAtAPathOfOneMachine() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String name : trackedFiles()) {
            List<String> lines = textLines(ROOT.resolve(name));
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern forbidden : FORBIDDEN) {
                    Matcher m = forbidden.matcher(lines.get(i));
                    if (m.find()) {
                        problems.add(name + ":" + (i + 1) + ": \"" + m.group() + "\" — point into the repository with a"
                                + " relative path, or write commands relative to the repository root");
                    }
                }
            }
        }
        assertThat(problems).as("files that point outside the repository or at an absolute path of one machine").isEmpty();
    }

    @Test
    void everyRelativeMarkdownLinkLeadsToAFile() throws Exception {
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (String name : trackedFiles()) {
            if (!name.endsWith(".md")) {
                continue;
            }
            Path file = ROOT.resolve(name);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String fence = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String trimmed = line.stripLeading();
                if (fence != null) {
                    if (trimmed.startsWith(fence)) {
                        fence = null;
                    }
                    continue;
                }
                if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                    fence = trimmed.substring(0, 3);
                    continue;
                }
                String prose = line.replaceAll("`[^`]*`", "``");
                List<String> targets = new ArrayList<>();
                Matcher inline = INLINE_LINK.matcher(prose);
                while (inline.find()) {
                    targets.add(inline.group(1));
                }
                Matcher reference = REFERENCE_DEFINITION.matcher(prose);
                if (reference.find()) {
                    targets.add(reference.group(1));
                }
                for (String target : targets) {
                    links++;
                    String problem = brokenLink(file, target);
                    if (problem != null) {
                        problems.add(name + ":" + (i + 1) + ": link " + target + " " + problem);
                    }
                }
            }
        }
        System.out.printf("Repository files: %d relative Markdown links checked%n", links);
        assertThat(problems).as("Markdown links that lead nowhere").isEmpty();
    }

    /** Why a link target of a Markdown file leads nowhere, or null when it is fine (or not a file link). */
    private static String brokenLink(Path file, String target) {
        String t = target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
        if (t.isEmpty() || t.startsWith("#") || SCHEME.matcher(t).find()) {
            return null;
        }
        if (t.startsWith("/")) {
            return "is absolute; write it relative to " + ROOT.relativize(file);
        }
        int cut = t.length();
        for (char c : new char[] {'#', '?'}) {
            int at = t.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        String path = URLDecoder.decode(t.substring(0, cut).replace("+", "%2B"), StandardCharsets.UTF_8);
        Path resolved = file.getParent().resolve(path).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leaves the repository";
        }
        return Files.exists(resolved) ? null : "leads to " + ROOT.relativize(resolved) + ", which does not exist";
    }

    /** The files git tracks (what a clone has); without git, every file but build output and local state. */
    private static List<String> trackedFiles() throws IOException, InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "-C", ROOT.toString(), "ls-files", "-z")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = git.getInputStream()) {
                out = in.readAllBytes();
            }
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0 && out.length > 0) {
                List<String> names = new ArrayList<>();
                for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    if (!name.isEmpty() && Files.isRegularFile(ROOT.resolve(name))) {
                        names.add(name);
                    }
                }
                return names;
            }
        } catch (IOException e) {
            // no git here: walk the tree instead
        }
        Set<String> skipped = Set.of(".git", "target", "node_modules", ".kommunalmarkt", ".tools", ".idea", ".vscode");
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : ROOT.relativize(p)) {
                            if (skipped.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** The lines of a text file; none for a binary one (a NUL byte in its first 8 kB). */
    private static List<String> textLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return List.of();
            }
        }
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The standard's rules for one publiccode.yml, each broken one added to {@code problems} with its key. */
    private record PubliccodeCheck(JsonNode yml, List<String> problems) {

        void that(boolean ok, String key, String problem) {
            if (!ok) {
                problems.add("publiccode.yml: " + key + " " + problem);
            }
        }

        JsonNode at(String dotted) {
            JsonNode node = yml;
            for (String part : dotted.split("\\.")) {
                node = node.path(part);
            }
            return node;
        }

        /** A mandatory string key. */
        java.util.Optional<String> text(String key) {
            JsonNode node = at(key);
            that(node.isTextual() && !node.asText().isBlank(), key, "is mandatory and must be a non-empty string");
            return node.isTextual() && !node.asText().isBlank() ? java.util.Optional.of(node.asText()) : java.util.Optional.empty();
        }

        java.util.Optional<String> optionalText(String key) {
            JsonNode node = at(key);
            if (node.isMissingNode()) {
                return java.util.Optional.empty();
            }
            that(node.isTextual(), key, "must be a string");
            return java.util.Optional.of(node.asText());
        }

        /** A mandatory non-empty list. */
        List<JsonNode> list(String key) {
            JsonNode node = at(key);
            that(node.isArray() && node.size() > 0, key, "is mandatory and must be a non-empty list");
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            return items;
        }

        void date(String key, String value) {
            try {
                that(value.matches("\\d{4}-\\d{2}-\\d{2}"), key, "must be YYYY-MM-DD");
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                that(false, key, "is no date: " + value);
            }
        }

        /** Every value of a URL key, and every string that starts like a URL, is a well-formed http(s) URL. */
        void urls(JsonNode node, String path) {
            if (node.isObject()) {
                node.fields().forEachRemaining(f -> {
                    String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                    if (URL_KEYS.contains(f.getKey()) && f.getValue().isTextual()) {
                        url(key, f.getValue().asText());
                    } else {
                        urls(f.getValue(), key);
                    }
                });
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    urls(node.get(i), path + "[" + i + "]");
                }
            } else if (node.isTextual() && node.asText().matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
                url(path, node.asText());
            }
        }

        void url(String key, String value) {
            try {
                URI uri = new URI(value);
                that(("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                        && !uri.getHost().isBlank(), key, "is no well-formed http(s) URL: " + value);
            } catch (URISyntaxException e) {
                that(false, key, "is no well-formed URL: " + value + " (" + e.getReason() + ")");
            }
        }
    }
}
