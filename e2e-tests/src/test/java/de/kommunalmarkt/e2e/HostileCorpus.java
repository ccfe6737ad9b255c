package de.kommunalmarkt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile-input corpus, generated from a small description of every write endpoint: a valid base
 * body and the kind of each field. Each case breaks one thing of the base — the JSON itself, one field's
 * type, format, size or encoding, or an id that names nothing — so its refusal can only be the
 * mutation's doing.
 */
final class HostileCorpus {

    static final Set<Integer> BAD = Set.of(400);
    static final Set<Integer> REFUSED = Set.of(400, 422);
    static final Set<Integer> TOO_LARGE = Set.of(413);
    static final Set<Integer> UNSUPPORTED = Set.of(415);
    static final Set<Integer> UNKNOWN = Set.of(404, 409, 422);
    static final Set<Integer> NOT_FOUND = Set.of(404);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAW = "\u00a7raw\u00a7";
    private static final String MISSING = "\u00a7missing\u00a7";
    private static final int HUNDRED_KB = 100_000;
    private static final int FIVE_MB = 5_000_000;

    /** What a field holds; decides which invalid values it is sent. */
    enum Kind {
        AGS, SLUG, UUID, ENUM, SPDX, DATE, PERIOD, EMAIL, URL, LEITWEG, POSTAL_CODE, COUNTRY, STATE, TEXT, INT, MONEY, RATE, BOOL,
        LIST, OBJECT
    }

    /**
     * A field of a body. {@code path} as in the refusal's {@code violations[].field} ("billingAddress.city",
     * "referenceEnvironments[0].ags"); {@code max} is a text's length or a number's upper bound,
     * {@code min} a number's lower bound; {@code element} the kind of a list's items.
     */
    record Field(String path, Kind kind, boolean required, long min, long max, Kind element) {
    }

    static Field field(String path, Kind kind, boolean required) {
        return new Field(path, kind, required, 0, 0, null);
    }

    static Field text(String path, int maxLength, boolean required) {
        return new Field(path, Kind.TEXT, required, 0, maxLength, null);
    }

    static Field integer(String path, long min, long max, boolean required) {
        return new Field(path, Kind.INT, required, min, max, null);
    }

    /** A list whose items are of {@code element} kind (texts of at most {@code itemMax} characters). */
    static Field list(String path, Kind element, int itemMax, boolean required) {
        return new Field(path, Kind.LIST, required, 0, itemMax, element);
    }

    /** An id in a path, and a body with which the request would be valid if the id named something. */
    record UnknownTarget(String label, String path, String body) {
    }

    /**
     * A write endpoint: who may call it, the valid body it is tested around (null for commands without a
     * body, which are tested through their path only) and the paths that name nothing.
     */
    record Endpoint(String name, String service, String method, String path, String user, String base, List<Field> fields,
            List<UnknownTarget> unknown) {
    }

    /** One request of the corpus and the statuses that count as a proper refusal. */
    record Case(String endpoint, String label, String service, String method, String path, String user, byte[] body,
            String contentType, Set<Integer> expected, String field, boolean notJson) {

        String name() {
            return endpoint + " " + label;
        }
    }

    private HostileCorpus() {
    }

    static List<Case> generate(List<Endpoint> endpoints) {
        List<Case> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            cases.addAll(generate(endpoint));
        }
        return cases;
    }

    static List<Case> generate(Endpoint e) {
        List<Case> cases = new ArrayList<>();
        for (UnknownTarget target : e.unknown()) {
            cases.add(new Case(e.name(), "unknown id: " + target.label(), e.service(), e.method(), target.path(), e.user(),
                    target.body() == null ? null : utf8(target.body()), target.body() == null ? null : "application/json",
                    target.body() == null ? NOT_FOUND : UNKNOWN, null, false));
        }
        if (e.base() == null) {
            return cases;
        }
        structural(e, cases);
        for (Field f : e.fields()) {
            for (Mutation m : mutations(f)) {
                cases.add(new Case(e.name(), f.path() + " " + m.label(), e.service(), e.method(), e.path(), e.user(),
                        mutate(e.base(), f.path(), m.raw()), "application/json", m.expected(), f.path(), m.notJson()));
            }
        }
        return cases;
    }

    /** The body as JSON text is broken, has the wrong shape, or is too large; or it is no JSON at all. */
    private static void structural(Endpoint e, List<Case> cases) {
        String base = e.base();
        String firstField = e.fields().get(0).path();
        Object[][] bodies = {
                {"malformed: lone brace", "{", BAD},
                {"malformed: missing value", "{\"" + firstField + "\":}", BAD},
                {"malformed: single quotes", base.replace('"', '\''), BAD},
                {"malformed: not JSON", "this is not JSON", BAD},
                {"malformed: comment", "/* hello */" + base, BAD},
                {"truncated in the middle", base.substring(0, base.length() / 2), BAD},
                {"truncated before the last brace", base.substring(0, base.lastIndexOf('}')), BAD},
                {"empty body", "", BAD},
                {"null body", "null", BAD},
                {"array instead of object", "[" + base + "]", BAD},
                {"string instead of object", "\"" + base.replace("\"", "\\\"") + "\"", BAD},
                {"number instead of object", "42", BAD},
                {"trailing garbage", base + " x", BAD},
                {"two objects", base + base, BAD},
                {"unknown field", insertField(base, "\"admin\":true"), BAD},
                {"unknown field with a SQL string", insertField(base, "\"where\":\"1=1; DROP TABLE license; --\""), BAD},
                {"huge body (5 MB of unknown field)", insertField(base, "\"padding\":\"" + "x".repeat(FIVE_MB) + "\""), TOO_LARGE},
                {"huge body (5 MB of whitespace)", " ".repeat(FIVE_MB) + base, TOO_LARGE},
        };
        for (Object[] b : bodies) {
            @SuppressWarnings("unchecked")
            Set<Integer> expected = (Set<Integer>) b[2];
            cases.add(new Case(e.name(), (String) b[0], e.service(), e.method(), e.path(), e.user(), utf8((String) b[1]),
                    "application/json", expected, null, true));
        }
        cases.add(new Case(e.name(), "nesting 200 deep", e.service(), e.method(), e.path(), e.user(),
                mutate(base, firstField, "[".repeat(200) + "]".repeat(200)), "application/json", BAD, null, true));
        cases.add(new Case(e.name(), "invalid UTF-8 bytes in a string", e.service(), e.method(), e.path(), e.user(),
                invalidUtf8(base), "application/json", BAD, null, true));
        cases.add(new Case(e.name(), "content type text/plain", e.service(), e.method(), e.path(), e.user(), utf8(base),
                "text/plain", UNSUPPORTED, null, false));
        cases.add(new Case(e.name(), "content type application/xml", e.service(), e.method(), e.path(), e.user(),
                utf8("<request/>"), "application/xml", UNSUPPORTED, null, true));
    }

    /** A value put in place of a field's; {@code notJson}: the value is no JSON (NaN), so the body is none either. */
    private record Mutation(String label, String raw, Set<Integer> expected, boolean notJson) {
    }

    private static Mutation m(String label, String raw) {
        return new Mutation(label, raw, REFUSED, false);
    }

    private static Mutation m(String label, String raw, Set<Integer> expected) {
        return new Mutation(label, raw, expected, false);
    }

    private static Mutation notJson(String label, String raw) {
        return new Mutation(label, raw, BAD, true);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string literal whose content is {@code escapedContent} as written (escapes stay escapes). */
    private static String literal(String escapedContent) {
        return "\"" + escapedContent + "\"";
    }

    private static List<Mutation> mutations(Field f) {
        List<Mutation> list = new ArrayList<>();
        if (f.required()) {
            list.add(m("missing", MISSING));
            list.add(m("null", "null"));
        }
        switch (f.kind()) {
            case LIST -> {
                list.add(m("wrong type: string", "\"x\""));
                list.add(m("wrong type: object", "{}"));
                if (f.required()) {
                    list.add(m("empty list", "[]"));
                }
                list.add(m("list item null", "[null]"));
                for (Mutation item : formatMutations(f.element(), new Field(f.path(), f.element(), true, 0, f.max(), null))) {
                    list.add(new Mutation("item " + item.label(), "[" + item.raw() + "]", item.expected(), item.notJson()));
                }
                list.add(m("1000 items", "[" + String.join(",", Collections.nCopies(1000, "\"x\"")) + "]"));
            }
            case OBJECT -> {
                list.add(m("wrong type: string", "\"x\""));
                list.add(m("wrong type: array", "[]"));
                list.add(m("wrong type: number", "42"));
                list.add(m("unknown field inside", "{\"unexpected\":1}"));
            }
            default -> list.addAll(formatMutations(f.kind(), f));
        }
        return list;
    }

    /** Invalid values for a scalar field of the kind (also used for list items). */
    private static List<Mutation> formatMutations(Kind kind, Field f) {
        List<Mutation> list = new ArrayList<>();
        switch (kind) {
            case INT, MONEY, RATE -> {
                list.add(m("wrong type: string", "\"12\""));
                list.add(m("wrong type: boolean", "true"));
                list.add(m("wrong type: array", "[1]"));
                list.add(m("negative", "-1"));
                list.add(m("overflow 1e400", "1e400"));
                list.add(m("overflow 99999999999999999999999", "99999999999999999999999"));
                list.add(m("overflow -99999999999999999999999", "-99999999999999999999999"));
                list.add(notJson("NaN", "NaN"));
                list.add(notJson("Infinity", "Infinity"));
                list.add(notJson("-Infinity", "-Infinity"));
                list.add(m("\"NaN\" as string", "\"NaN\""));
                list.add(m("SQL in a number", "\"1; DROP TABLE license\""));
                if (kind == Kind.INT) {
                    list.add(m("fractional", "1.5"));
                    list.add(m("exponent notation", "1e2"));
                    list.add(m("below minimum", String.valueOf(f.min() - 1)));
                    list.add(m("above maximum", String.valueOf(f.max() + 1)));
                } else if (kind == Kind.MONEY) {
                    list.add(m("three decimals", "12.001"));
                    list.add(m("above 10,000,000", "10000000.01"));
                    list.add(m("negative cent", "-0.01"));
                } else {
                    list.add(m("five decimals", "0.19001"));
                    list.add(m("above 0.25", "0.26"));
                }
            }
            case OBJECT -> {
                list.add(m("wrong type: string", "\"x\""));
                list.add(m("wrong type: number", "42"));
                list.add(m("wrong type: array", "[]"));
            }
            case BOOL -> {
                list.add(m("wrong type: string", "\"true\""));
                list.add(m("wrong type: number", "1"));
                list.add(m("wrong type: object", "{}"));
            }
            case TEXT -> {
                list.add(m("wrong type: number", "42"));
                list.add(m("wrong type: boolean", "true"));
                list.add(m("wrong type: array", "[\"x\"]"));
                list.add(m("wrong type: object", "{}"));
                if (f.required()) {
                    list.add(m("empty", "\"\""));
                    list.add(m("blank", "\"   \""));
                }
                list.add(m("one over the limit", quoted("x".repeat((int) f.max() + 1))));
                list.add(m("100 kB", quoted("x".repeat(HUNDRED_KB))));
                list.add(m("5 MB", quoted("x".repeat(FIVE_MB)), TOO_LARGE));
                list.add(m("with NUL", literal("Rat\\u0000haus")));
                list.add(m("with a lone surrogate", literal("Rat\\ud800haus")));
            }
            default -> list.addAll(formatted(kind, f));
        }
        return list;
    }

    /** Invalid values of a text field with a format: every hostile string is refused by the format. */
    private static List<Mutation> formatted(Kind kind, Field f) {
        String valid = sampleOf(kind);
        List<Mutation> list = new ArrayList<>();
        list.add(m("wrong type: number", "42"));
        list.add(m("wrong type: boolean", "false"));
        list.add(m("wrong type: object", "{\"value\":" + quoted(valid) + "}"));
        list.add(m("empty", "\"\""));
        list.add(m("blank", "\" \""));
        list.add(m("SQL injection", quoted("' OR '1'='1")));
        list.add(m("SQL injection after a valid value", quoted(valid + "'; DROP TABLE license; --")));
        list.add(m("HTML injection", quoted("<script>alert(1)</script>")));
        list.add(m("HTML attribute injection", quoted(valid + "\"><img src=x onerror=alert(1)>")));
        list.add(m("NUL inside", literal(escapeInsert(valid, "\\u0000"))));
        list.add(m("lone surrogate inside", literal(escapeInsert(valid, "\\ud800"))));
        list.add(m("right-to-left override inside", literal(escapeInsert(valid, "\\u202e"))));
        list.add(m("emoji inside", literal(escapeInsert(valid, "\\ud83d\\ude00"))));
        if (kind != Kind.EMAIL) {
            // a combining mark in an e-mail's local part is a legitimate internationalised address
            list.add(m("combining mark inside", literal(escapeInsert(valid, "\\u0301"))));
        }
        list.add(m("zero-width space inside", literal(escapeInsert(valid, "\\u200b"))));
        if (kind != Kind.ENUM && kind != Kind.SPDX && kind != Kind.DATE) {
            // enum names, licence ids and dates are read trimmed (Jackson, the SPDX list) and stored canonically
            list.add(m("trailing space", quoted(valid + " ")));
        }
        list.add(m("100 kB", quoted(valid + "x".repeat(HUNDRED_KB))));
        list.add(m("5 MB", quoted("x".repeat(FIVE_MB)), TOO_LARGE));
        switch (kind) {
            case AGS -> {
                list.add(m("seven digits", "\"0531500\""));
                list.add(m("nine digits", "\"053150000\""));
                list.add(m("state 17", "\"17000000\""));
                list.add(m("state 00", "\"00123456\""));
                list.add(m("letters", "\"0531500X\""));
                list.add(m("fullwidth digits", literal("\\uff10\\uff15\\uff13\\uff11\\uff15\\uff10\\uff10\\uff10")));
            }
            case SLUG -> {
                list.add(m("upper case", "\"Komm-One\""));
                list.add(m("leading hyphen", "\"-komm\""));
                list.add(m("double hyphen", "\"komm--one\""));
                list.add(m("64 characters", quoted("k".repeat(64))));
                list.add(m("path traversal", "\"../../admin\""));
            }
            case UUID -> {
                list.add(m("not a UUID", "\"not-a-uuid\""));
                list.add(m("UUID with a bad digit", "\"00000000-0000-0000-0000-00000000000g\""));
                list.add(m("UUID without hyphens", quoted(UUID.randomUUID().toString().replace("-", ""))));
                list.add(m("unknown UUID", quoted(UUID.randomUUID().toString()), UNKNOWN));
            }
            case ENUM -> {
                list.add(m("lower case", quoted(valid.toLowerCase())));
                list.add(m("unknown value", "\"SOMETHING_ELSE\""));
                list.add(m("ordinal", "0"));
            }
            case SPDX -> {
                list.add(m("unknown licence id", "\"NOT-A-LICENSE-1.0\""));
                list.add(m("licence expression", "\"MIT OR EUPL-1.2\""));
            }
            case DATE -> {
                list.add(m("impossible 2026-02-30", "\"2026-02-30\""));
                list.add(m("impossible 2026-13-01", "\"2026-13-01\""));
                list.add(m("impossible 2026-00-10", "\"2026-00-10\""));
                list.add(m("impossible 2026-04-31", "\"2026-04-31\""));
                list.add(m("German format", "\"01.02.2026\""));
                list.add(m("unpadded", "\"2026-1-1\""));
                list.add(m("date-time", "\"2026-01-01T00:00:00Z\""));
                list.add(m("local date-time", "\"2026-01-01T10:00:00\""));
                list.add(m("epoch-day number", "20000"));
            }
            case PERIOD -> {
                list.add(m("month 13", "\"2026-13\""));
                list.add(m("month 00", "\"2026-00\""));
                list.add(m("two-digit year", "\"26-10\""));
                list.add(m("unpadded month", "\"2026-1\""));
                list.add(m("slash", "\"2026/10\""));
                list.add(m("a date", "\"2026-10-01\""));
                list.add(m("number", "202610"));
                list.add(m("far future", "\"2099-01\""));
                list.add(m("current month", quoted(YearMonth.now(Marketplace.ZONE).toString())));
            }
            case EMAIL -> {
                list.add(m("no at sign", "\"rathaus.example.org\""));
                list.add(m("nothing before the at", "\"@example.org\""));
                list.add(m("nothing after the at", "\"rathaus@\""));
                list.add(m("space inside", "\"rat haus@example.org\""));
                list.add(m("two at signs", "\"rat@haus@example.org\""));
                list.add(m("255 characters", quoted("r".repeat(243) + "@example.org")));
            }
            case URL -> {
                list.add(m("no scheme", "\"docs.example.org/x\""));
                list.add(m("javascript scheme", "\"javascript:alert(1)\""));
                list.add(m("file scheme", "\"file:///etc/passwd\""));
                list.add(m("501 characters", quoted("https://example.org/" + "p".repeat(481))));
            }
            case LEITWEG -> {
                list.add(m("wrong check digits", "\"05315000-KM001-21\""));
                list.add(m("no check digits", "\"05315000-KM001\""));
                list.add(m("too short", "\"1-97\""));
            }
            case POSTAL_CODE -> {
                list.add(m("four digits", "\"1234\""));
                list.add(m("letters", "\"ABCDE\""));
            }
            case COUNTRY -> {
                list.add(m("lower case", "\"de\""));
                list.add(m("three letters", "\"DEU\""));
            }
            case STATE -> {
                list.add(m("state 17", "\"17\""));
                list.add(m("state 00", "\"00\""));
                list.add(m("one digit", "\"8\""));
            }
            default -> throw new IllegalArgumentException("no format mutations for " + kind);
        }
        return list;
    }

    /** A valid value of a formatted kind, the seed of its hostile variants. */
    private static String sampleOf(Kind kind) {
        return switch (kind) {
            case AGS -> "05315000";
            case SLUG -> "komm-one";
            case UUID -> "0b7e4d36-1f0c-4f0e-9d51-3f7f6c2d9a10";
            case ENUM -> "CLOUD";
            case SPDX -> "EUPL-1.2";
            case DATE -> "2026-10-31";
            case PERIOD -> "2026-09";
            case EMAIL -> "rathaus@example.org";
            case URL -> "https://docs.example.org/x";
            case LEITWEG -> "05315000-KM001-20";
            case POSTAL_CODE -> "50667";
            case COUNTRY -> "DE";
            case STATE -> "08";
            default -> throw new IllegalArgumentException("no sample for " + kind);
        };
    }

    /** The valid value with a JSON escape sequence put into its middle. */
    private static String escapeInsert(String valid, String escape) {
        int middle = valid.length() / 2;
        String left = quoted(valid.substring(0, middle));
        String right = quoted(valid.substring(middle));
        return left.substring(1, left.length() - 1) + escape + right.substring(1, right.length() - 1);
    }

    // --- building bodies ------------------------------------------------------------------------------

    private static final Pattern STEP = Pattern.compile("([^.\\[]+)(?:\\[(\\d+)])?");

    /** The base body with the field at {@code path} replaced by the raw JSON text (or removed). */
    static byte[] mutate(String base, String path, String raw) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(base);
            String[] steps = path.split("\\.");
            JsonNode node = root;
            for (int i = 0; i < steps.length - 1; i++) {
                node = child(node, steps[i]);
            }
            Matcher last = STEP.matcher(steps[steps.length - 1]);
            if (!last.matches() || last.group(2) != null) {
                throw new IllegalArgumentException("a mutated field must be an object member: " + path);
            }
            ObjectNode parent = (ObjectNode) node;
            if (MISSING.equals(raw)) {
                parent.remove(last.group(1));
                return utf8(JSON.writeValueAsString(root));
            }
            parent.put(last.group(1), RAW);
            return utf8(JSON.writeValueAsString(root).replace(quoted(RAW), raw));
        } catch (IOException e) {
            throw new UncheckedIOException("base body is not JSON: " + base, e);
        }
    }

    private static JsonNode child(JsonNode node, String step) {
        Matcher m = STEP.matcher(step);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad path step " + step);
        }
        JsonNode child = node.get(m.group(1));
        if (m.group(2) != null) {
            child = ((ArrayNode) child).get(Integer.parseInt(m.group(2)));
        }
        if (child == null) {
            throw new IllegalArgumentException("the base body has no " + step);
        }
        return child;
    }

    /** Adds a member as the object's first. */
    private static String insertField(String base, String member) {
        int brace = base.indexOf('{');
        return base.substring(0, brace + 1) + member + "," + base.substring(brace + 1);
    }

    /** The base body with the bytes C3 28 (an invalid UTF-8 sequence) inside its first string value. */
    private static byte[] invalidUtf8(String base) {
        int colon = base.indexOf(":\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = utf8(base.substring(0, colon + 2));
        out.write(head, 0, head.length);
        out.write(0xC3);
        out.write(0x28);
        byte[] tail = utf8(base.substring(colon + 2));
        out.write(tail, 0, tail.length);
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String randomId() {
        return UUID.randomUUID().toString();
    }
}
