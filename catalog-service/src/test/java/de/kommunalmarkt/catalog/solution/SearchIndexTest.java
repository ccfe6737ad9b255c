package de.kommunalmarkt.catalog.solution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The index ranks and counts by the search rule, whatever its segments: it is compared with the rule
 * computed here by hand (per query term 1.0 for a match in the name, 0.4 in summary or standards, then
 * adoption count, name, id) over a catalog written in many small changes — chunks, changed adoption
 * counts and names, removals and returns — for single words, ANDed words, {@code or}, {@code -excluded},
 * a filter and pages from the first to past the last.
 */
class SearchIndexTest {

    /** Words the German analysis leaves apart (no two share a stem), so a match is a word in the text. */
    private static final String[] WORDS = {"quarz", "kobalt", "zink", "basalt", "granit", "marmor", "schiefer", "gneis"};

    private final Random random = new Random(20261203);
    private final Map<UUID, Solution> published = new HashMap<>();

    @Test
    void ranksAndCountsAsTheRuleSaysAfterManySmallChanges() throws Exception {
        try (SearchIndex index = new SearchIndex()) {
            List<Solution> all = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                all.add(solution(i));
            }
            for (int from = 0; from < all.size(); from += 40) {
                apply(index, all.subList(from, Math.min(all.size(), from + 40)), List.of());
            }
            assertMatchesTheRule(index);

            for (int round = 0; round < 60; round++) {
                Solution changed = all.get(random.nextInt(all.size()));
                changed.adoptionCount = random.nextInt(4);
                if (round % 5 == 0) {
                    changed.name = name();
                }
                List<UUID> removed = new ArrayList<>();
                if (round % 3 == 0) {
                    removed.add(all.get(random.nextInt(all.size())).id);
                }
                removed.remove(changed.id);
                apply(index, List.of(changed), removed);
            }
            assertMatchesTheRule(index);
        }
    }

    private void apply(SearchIndex index, List<Solution> solutions, List<UUID> removed) {
        index.apply(solutions, removed);
        solutions.forEach(s -> published.put(s.id, s));
        removed.forEach(published::remove);
    }

    private void assertMatchesTheRule(SearchIndex index) {
        List<String> queries = new ArrayList<>();
        for (String word : WORDS) {
            queries.add(word);
        }
        queries.addAll(List.of("quarz kobalt", "zink or basalt", "granit -marmor", "schiefer gneis -quarz", "Quarz", "nichts"));
        for (String q : queries) {
            for (Category category : new Category[] {null, Category.MOBILITY}) {
                SearchCriteria criteria = new SearchCriteria(q, category, null, null);
                List<UUID> expected = byTheRule(q, category);
                for (int[] window : new int[][] {{0, 20}, {20, 20}, {0, 1}, {0, 200}, {expected.size() - 3, 20}, {expected.size(), 20}}) {
                    int offset = Math.max(0, window[0]);
                    SearchIndex.Hits hits = index.search(criteria, offset, window[1]);
                    assertThat(hits.total()).as("total of %s, %s", q, category).isEqualTo(expected.size());
                    assertThat(hits.ids()).as("page %s of %s, %s", Arrays.toString(window), q, category)
                            .isEqualTo(expected.subList(Math.min(offset, expected.size()), Math.min(offset + window[1], expected.size())));
                }
            }
        }
    }

    /** The search rule, by hand: words as {@link SearchIndex.WebSearch} reads them, scores in tenths. */
    private List<UUID> byTheRule(String q, Category category) {
        SearchIndex.WebSearch parsed = SearchIndex.WebSearch.parse(q);
        List<Solution> matching = new ArrayList<>();
        Map<UUID, Integer> score = new HashMap<>();
        for (Solution s : published.values()) {
            Set<String> name = words(s.name);
            Set<String> summary = words(s.summary + " " + String.join(" ", s.standards));
            Set<String> all = words(s.name + " " + s.summary + " " + String.join(" ", s.standards) + " " + s.description);
            boolean matches = category == null || s.category == category;
            int tenths = 0;
            for (List<SearchIndex.WebSearch.Term> alternatives : parsed.required()) {
                matches &= alternatives.stream().anyMatch(t -> all.contains(word(t)));
                for (SearchIndex.WebSearch.Term t : alternatives) {
                    tenths += (name.contains(word(t)) ? 10 : 0) + (summary.contains(word(t)) ? 4 : 0);
                }
            }
            matches &= parsed.excluded().stream().noneMatch(t -> all.contains(word(t)));
            if (matches) {
                matching.add(s);
                score.put(s.id, tenths);
            }
        }
        matching.sort(Comparator.comparingInt((Solution s) -> -score.get(s.id)).thenComparingInt(s -> -s.adoptionCount)
                .thenComparing(s -> s.name).thenComparing(s -> s.id.toString()));
        return matching.stream().map(s -> s.id).toList();
    }

    private static String word(SearchIndex.WebSearch.Term term) {
        return term.text().toLowerCase(Locale.ROOT);
    }

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")));
    }

    private Solution solution(int i) {
        Solution s = new Solution();
        s.id = UUID.nameUUIDFromBytes(("search-index-test/" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        s.name = name();
        s.summary = "Die Lösung zu " + pick() + " und " + pick();
        s.standards = random.nextBoolean() ? List.of("Norm " + pick()) : List.of();
        s.description = "Sie zeigt " + pick() + ", " + pick() + " und " + pick() + " auf einer Karte.";
        s.category = random.nextInt(4) == 0 ? Category.MOBILITY : Category.PARTICIPATION;
        s.adoptionCount = random.nextInt(4);
        return s;
    }

    /** Few names, so equal names happen and the id decides. */
    private String name() {
        return "Plattform " + WORDS[random.nextInt(3)] + (random.nextBoolean() ? "" : " " + pick());
    }

    private String pick() {
        return WORDS[random.nextInt(WORDS.length)];
    }
}
