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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile-input corpus, generated from a small description of every write endpoint: a valid base
 * body and the kind of each field. Each case breaks one thing of the base — the JSON itself, one field's
 * type, format, size or encoding, or an id that names nothing — so its refusal can only be the
 * mutation's doing. For reads, generated from each GET endpoint's query parameters and path segments
 * ({@link #reads}): one parameter or segment at a time is ill-formed text, an odd value or a paging
 * value out of bounds.
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

    // --- reads: query parameters and path segments ------------------------------------------------------

    /** Empty: any answer but a 5xx, and a 4xx must still be a problem. What a read makes of an odd but harmless value is its own affair. */
    static final Set<Integer> ANSWERED = Set.of();

    /**
     * A GET endpoint as its service's OpenAPI document describes it: the path template with a value for
     * each path parameter that names something that exists, its query parameters, values for those a
     * request needs ({@code period}), and whether it answers with an event stream (which only refusals
     * may reach: an accepted request would stream until the timeout).
     */
    record ReadEndpoint(String service, String template, Map<String, String> pathValues, List<String> queryParameters,
            Map<String, String> baseQuery, boolean streams, String user) {

        String name() {
            return "GET " + template;
        }
    }

    /** A raw URL component (percent-encoded as sent) and what it is. */
    private record Raw(String label, String value) {
    }

    /** Text no parameter may hold: every service refuses it with a 400 naming the parameter (common's WellFormedParameters). */
    private static final List<Raw> ILL_FORMED = List.of(
            new Raw("NUL", "%00"), new Raw("NUL inside", "Rat%00haus"), new Raw("control character U+0001", "%01"),
            new Raw("line feed", "a%0Ab"), new Raw("CR LF header injection", "a%0D%0ASet-Cookie:x=1"),
            new Raw("ANSI escape sequence", "%1B%5B31m"), new Raw("DEL", "%7F"), new Raw("C1 control U+0085", "%C2%85"),
            new Raw("right-to-left override", "a%E2%80%AEb"), new Raw("encoded lone surrogate", "%ED%A0%80"),
            new Raw("invalid UTF-8", "%C3%28"), new Raw("overlong UTF-8 slash", "%C0%AF"), new Raw("byte FF", "%FF"));

    /** Odd values a parameter may be sent: each read refuses or answers them, without a 5xx. */
    private static final List<Raw> ODD_VALUES = List.of(
            new Raw("empty", ""), new Raw("blank", "%20%20"), new Raw("SQL injection", "1%27%20OR%20%271%27%3D%271"),
            new Raw("SQL comment", "x%27--"), new Raw("SQL statement", "1%3B%20DROP%20TABLE%20license%3B--"),
            new Raw("LIKE wildcards", "%25_%25"), new Raw("regex metacharacters", ".*%5B(%5C%5E$%7B%7D+%3F"),
            new Raw("full-text operators", "!%26%7C()%3A*%3C-%3E"), new Raw("websearch syntax", "%22a%22%20or%20-b"),
            new Raw("HTML injection", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"), new Raw("path traversal", "..%2F..%2Fetc%2Fpasswd"),
            new Raw("1,000 characters", "x".repeat(1_000)), new Raw("3,000 characters", "y".repeat(3_000)),
            new Raw("huge number", "99999999999999999999999"), new Raw("negative", "-1"), new Raw("fractional", "1.5"),
            new Raw("exponent overflow", "1e400"), new Raw("NaN", "NaN"), new Raw("boolean", "true"),
            new Raw("JSON object", "%7B%22a%22%3A1%7D"), new Raw("malformed UUID", "00000000-0000-0000-0000-00000000000g"),
            new Raw("UUID without hyphens", "0b7e4d361f0c4f0e9d513f7f6c2d9a10"), new Raw("AGS of 7 digits", "0531500"),
            new Raw("AGS with letters", "0531500X"), new Raw("fullwidth digits", "%EF%BC%90%EF%BC%95"),
            new Raw("Arabic-Indic digit", "%D9%A1"), new Raw("month 13", "2026-13"), new Raw("emoji", "%F0%9F%98%80"),
            new Raw("combining mark", "a%CC%81"), new Raw("zero-width space", "a%E2%80%8Bb"),
            new Raw("byte order mark", "%EF%BB%BFx"), new Raw("noncharacter U+FFFF", "%EF%BF%BF"), new Raw("plus as space", "a+b"),
            new Raw("literal percent", "100%25"));

    /** Odd values in place of a path segment (ids that name nothing); each is a 4xx problem or an answer, no 5xx. */
    private static final List<Raw> ODD_SEGMENTS = List.of(
            new Raw("random UUID", null), new Raw("malformed UUID", "00000000-0000-0000-0000-00000000000g"),
            new Raw("UUID without hyphens", "0b7e4d361f0c4f0e9d513f7f6c2d9a10"), new Raw("nil UUID", "00000000-0000-0000-0000-000000000000"),
            new Raw("upper-case UUID", "0B7E4D36-1F0C-4F0E-9D51-3F7F6C2D9A10"), new Raw("AGS of 7 digits", "0531500"),
            new Raw("AGS with letters", "0531500X"), new Raw("AGS of state 00", "00123456"), new Raw("huge number", "99999999999999999999999"),
            new Raw("negative", "-1"), new Raw("SQL injection", "1%27%20OR%20%271%27%3D%271"),
            new Raw("regex metacharacters", ".*%5B(%5C"), new Raw("HTML injection", "%3Cscript%3E"),
            new Raw("encoded slash", "a%2Fb"), new Raw("encoded dot-dot", "%2E%2E"), new Raw("1,000 characters", "x".repeat(1_000)),
            new Raw("emoji", "%F0%9F%98%80"), new Raw("zero-width space", "a%E2%80%8Bb"), new Raw("fullwidth digits", "%EF%BC%90%EF%BC%95"));

    static List<Case> reads(List<ReadEndpoint> endpoints) {
        List<Case> cases = new ArrayList<>();
        for (ReadEndpoint e : endpoints) {
            String path = fill(e.template(), e.pathValues(), null, null);
            boolean paged = e.queryParameters().contains("page") && e.queryParameters().contains("size");
            for (String parameter : e.queryParameters()) {
                boolean paging = parameter.equals("page") || parameter.equals("size");
                for (Raw value : ILL_FORMED) {
                    cases.add(read(e, "query " + parameter + " " + value.label(), path + query(e.baseQuery(), parameter, value.value()),
                            BAD, parameter));
                }
                if (e.streams()) {
                    continue;
                }
                // page and size are whole numbers in range, so every odd value is refused naming the parameter
                for (Raw value : ODD_VALUES) {
                    cases.add(read(e, "query " + parameter + " " + value.label(), path + query(e.baseQuery(), parameter, value.value()),
                            paging ? BAD : ANSWERED, paging ? parameter : null));
                }
                cases.add(read(e, "query " + parameter + " repeated", path + query(e.baseQuery(), parameter, "a&" + parameter + "=b"),
                        paging ? BAD : ANSWERED, paging ? parameter : null));
                if (paging) {
                    for (String number : List.of("2147483648", "-2147483649", "20000000", "0x10", "1_000", "%2B1", "01.0")) {
                        cases.add(read(e, "query " + parameter + " " + number, path + query(e.baseQuery(), parameter, number), BAD, parameter));
                    }
                }
            }
            if (paged && !e.streams()) {
                cases.add(read(e, "page × size overflows an int", path + query(e.baseQuery(), "page", "20000000&size=200"), BAD, "page"));
                cases.add(read(e, "page × size one page past the maximum", path + query(e.baseQuery(), "page", "50001&size=200"), BAD, "page"));
                cases.add(read(e, "deepest page allowed", path + query(e.baseQuery(), "page", "50000&size=200"), ANSWERED, null));
            }
            cases.add(read(e, "unknown parameter with NUL", path + query(e.baseQuery(), "x", "%00"), BAD, "x"));
            cases.add(read(e, "parameter name with NUL", path + query(e.baseQuery(), "a%00b", "1"), BAD, "a%00b"));
            for (String parameter : e.pathValues().keySet()) {
                for (Raw value : ILL_FORMED) {
                    cases.add(read(e, "path " + parameter + " " + value.label(),
                            fill(e.template(), e.pathValues(), parameter, value.value()) + query(e.baseQuery(), null, null), BAD, parameter));
                }
                for (Raw value : e.streams() ? List.<Raw>of() : ODD_SEGMENTS) {
                    String segment = value.value() == null ? randomId() : value.value();
                    cases.add(read(e, "path " + parameter + " " + value.label(),
                            fill(e.template(), e.pathValues(), parameter, segment) + query(e.baseQuery(), null, null), ANSWERED, null));
                }
            }
        }
        return cases;
    }

    private static Case read(ReadEndpoint e, String label, String path, Set<Integer> expected, String field) {
        return new Case(e.name(), label, e.service(), "GET", path, e.user(), null, null, expected, field, false);
    }

    /** The template with each path parameter's value, the one named {@code replaced} (if any) by {@code replacement}. */
    private static String fill(String template, Map<String, String> values, String replaced, String replacement) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getKey().equals(replaced) ? replacement : value.getValue());
        }
        return path;
    }

    /** The query of the base values with {@code parameter} set to the raw {@code value} (or none when null). */
    private static String query(Map<String, String> base, String parameter, String value) {
        List<String> pairs = new ArrayList<>();
        base.forEach((name, text) -> {
            if (!name.equals(parameter)) {
                pairs.add(name + "=" + text);
            }
        });
        if (parameter != null) {
            pairs.add(parameter + "=" + value);
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
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
