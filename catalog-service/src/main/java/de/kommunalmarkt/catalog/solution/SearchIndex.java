package de.kommunalmarkt.catalog.solution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The in-process full-text index of the published solutions (Apache Lucene, in memory). Each text
 * field is indexed twice: with German stems and umlauts folded ({@code Sensoren} finds {@code Sensor},
 * {@code Buergerbeteiligung} finds {@code Bürgerbeteiligung}) and with the words as written (names,
 * abbreviations such as {@code OParl}, German stop words).
 *
 * <p>Queries use web-search syntax as before: words are ANDed, {@code "phrases"}, {@code or} between
 * two terms, {@code -excluded}; any input is accepted. Relevance counts, per query term, a match in
 * the name (1.0) and in summary or standards (0.4); a match only in the description scores 0 and
 * ranks after those. Ties go to the adoption count, then name and id (stable paging). Lucene only
 * matches and scores; a collector keeps the best hits by the slot number each document carries and
 * breaks ties from data held in memory (Lucene's own sort by name and id read compressed doc values
 * for competing hits, and the ids came from stored fields: most of a broad search's time in the profile).
 */
final class SearchIndex implements AutoCloseable {

    /** A page of matching solution ids and how many match in all. */
    record Hits(List<UUID> ids, long total) {
    }

    private static final String ID = "id";
    private static final String SLOT = "slot";
    private static final String CATEGORY = "category";
    private static final String OPERATOR_TYPE = "operator_type";
    private static final String HOSTING_MODE = "hosting_mode";
    private static final String GERMAN = "_de";
    private static final String AS_WRITTEN = "_as_written";
    /**
     * The three fields a query looks in, each in both analyses: the name; summary and standards together
     * (they weigh the same); all text together (name, summary, standards, description — what must match).
     * A field given several values keeps a gap of 100 positions between them, so a phrase never spans two.
     */
    private static final String NAME = "name";
    private static final String SUMMARY_AND_STANDARDS = "summary_standards";
    private static final String ALL_TEXT = "all_text";
    private static final float NAME_WEIGHT = 1.0f;
    private static final float SUMMARY_WEIGHT = 0.4f;
    /** Relevance, then adoption count, then name and id: the first is best. */
    private static final Comparator<Hit> ORDER = Comparator.comparingDouble((Hit h) -> -h.score())
            .thenComparingInt(h -> -h.solution().adoptions())
            .thenComparing(h -> h.solution().name())
            .thenComparing(h -> h.solution().idText());

    private final Analyzer german = new GermanWords();
    private final Analyzer asWritten = new WordsAsWritten();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Each solution's slot (a small number kept in its document) and what ranking needs of it, by slot. */
    private final Map<UUID, Integer> slots = new java.util.HashMap<>();
    private volatile Ranked[] ranked = new Ranked[1024];

    /** What the tie-breaks need, kept in memory: Lucene's string sort would read compressed doc values per hit. */
    private record Ranked(UUID id, String idText, String name, int adoptions) {
    }

    private record Hit(float score, Ranked solution) {
    }

    SearchIndex() {
        Map<String, Analyzer> perField = new java.util.HashMap<>();
        for (String field : List.of(NAME, SUMMARY_AND_STANDARDS, ALL_TEXT)) {
            perField.put(field + GERMAN, german);
            perField.put(field + AS_WRITTEN, asWritten);
        }
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(new PerFieldAnalyzerWrapper(asWritten, perField)));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces the published solutions and removes the ids given in {@code removed}; visible to searches on return. */
    synchronized void apply(Collection<Solution> published, Collection<UUID> removed) {
        try {
            for (Solution s : published) {
                int slot = slots.computeIfAbsent(s.id, id -> slots.size());
                Ranked[] current = ranked;
                if (slot >= current.length) {
                    current = Arrays.copyOf(current, Math.max(current.length * 2, slot + 1));
                }
                current[slot] = new Ranked(s.id, s.id.toString(), s.name, s.adoptionCount);
                ranked = current;
                writer.updateDocument(new Term(ID, s.id.toString()), document(s, slot));
            }
            for (UUID id : removed) {
                writer.deleteDocuments(new Term(ID, id.toString()));
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Hits search(SearchCriteria criteria, int offset, int limit) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int wanted = (int) Math.min((long) offset + limit, Math.max(1, searcher.getIndexReader().maxDoc()));
                Best best = new Best(wanted, ranked);
                searcher.search(query(criteria), best);
                List<Hit> ordered = new ArrayList<>(best.top);
                ordered.sort(ORDER);
                List<UUID> ids = new ArrayList<>(limit);
                for (int i = offset; i < ordered.size() && ids.size() < limit; i++) {
                    ids.add(ordered.get(i).solution().id());
                }
                return new Hits(ids, best.total);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts every match and keeps the best {@code wanted} of them (worst on top of the heap). */
    private static final class Best extends SimpleCollector {
        final PriorityQueue<Hit> top;
        final int wanted;
        final Ranked[] ranked;
        long total;
        private Scorable scorer;
        private NumericDocValues slotOf;

        Best(int wanted, Ranked[] ranked) {
            this.wanted = wanted;
            this.ranked = ranked;
            this.top = new PriorityQueue<>(wanted + 1, ORDER.reversed());
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            slotOf = DocValues.getNumeric(context.reader(), SLOT);
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            total++;
            if (!slotOf.advanceExact(doc)) {
                return;
            }
            int slot = (int) slotOf.longValue();
            if (slot >= ranked.length || ranked[slot] == null) {
                return; // indexed after this search took its copy of the ranking data
            }
            float score = scorer.score();
            Ranked solution = ranked[slot];
            if (top.size() == wanted) {
                // most hits of a broad search lose already on score or adoption count: no Hit made for them
                Hit worst = top.peek();
                if (score < worst.score() || score == worst.score() && solution.adoptions() < worst.solution().adoptions()) {
                    return;
                }
            }
            Hit hit = new Hit(score, solution);
            if (top.size() < wanted) {
                top.add(hit);
            } else if (ORDER.compare(hit, top.peek()) < 0) {
                top.poll();
                top.add(hit);
            }
        }
    }

    private Document document(Solution s, int slot) {
        Document doc = new Document();
        doc.add(new StringField(ID, s.id.toString(), Field.Store.NO));
        doc.add(new NumericDocValuesField(SLOT, slot));
        doc.add(new StringField(CATEGORY, s.category.name(), Field.Store.NO));
        s.supportedOperatorTypes.forEach(t -> doc.add(new StringField(OPERATOR_TYPE, t, Field.Store.NO)));
        s.hostingModes.forEach(m -> doc.add(new StringField(HOSTING_MODE, m, Field.Store.NO)));
        text(doc, NAME, s.name);
        text(doc, SUMMARY_AND_STANDARDS, s.summary);
        s.standards.forEach(standard -> text(doc, SUMMARY_AND_STANDARDS, standard));
        text(doc, ALL_TEXT, s.name);
        text(doc, ALL_TEXT, s.summary);
        s.standards.forEach(standard -> text(doc, ALL_TEXT, standard));
        text(doc, ALL_TEXT, s.description);
        return doc;
    }

    private static void text(Document doc, String field, String value) {
        doc.add(new TextField(field + GERMAN, value, Field.Store.NO));
        doc.add(new TextField(field + AS_WRITTEN, value, Field.Store.NO));
    }

    private Query query(SearchCriteria criteria) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean matchesSomething = true;
        if (criteria.text() != null) {
            WebSearch parsed = WebSearch.parse(criteria.text());
            int positives = 0;
            for (List<WebSearch.Term> alternatives : parsed.required()) {
                BooleanQuery.Builder anyOf = new BooleanQuery.Builder();
                int usable = 0;
                for (WebSearch.Term term : alternatives) {
                    Query match = match(term, ALL_TEXT);
                    if (match != null) {
                        anyOf.add(match, Occur.SHOULD);
                        usable++;
                        Query inName = match(term, NAME);
                        Query inSummary = match(term, SUMMARY_AND_STANDARDS);
                        query.add(new BoostQuery(new ConstantScoreQuery(inName), NAME_WEIGHT), Occur.SHOULD);
                        query.add(new BoostQuery(new ConstantScoreQuery(inSummary), SUMMARY_WEIGHT), Occur.SHOULD);
                    }
                }
                if (usable > 0) {
                    query.add(anyOf.build(), Occur.FILTER);
                    positives++;
                }
            }
            for (WebSearch.Term term : parsed.excluded()) {
                Query match = match(term, ALL_TEXT);
                if (match != null) {
                    query.add(match, Occur.MUST_NOT);
                }
            }
            // only stop words or punctuation: nothing to look for, as PostgreSQL's websearch_to_tsquery answered
            matchesSomething = positives > 0 || !parsed.excluded().isEmpty();
            if (positives == 0) {
                query.add(new MatchAllDocsQuery(), Occur.FILTER);
            }
        } else {
            query.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        if (!matchesSomething) {
            return new MatchNoDocsQuery();
        }
        if (criteria.category() != null) {
            query.add(new TermQuery(new Term(CATEGORY, criteria.category().name())), Occur.FILTER);
        }
        if (criteria.operatorType() != null) {
            query.add(new TermQuery(new Term(OPERATOR_TYPE, criteria.operatorType().name())), Occur.FILTER);
        }
        if (criteria.hostingMode() != null) {
            query.add(new TermQuery(new Term(HOSTING_MODE, criteria.hostingMode().name())), Occur.FILTER);
        }
        return query.build();
    }

    /** The term (a word or a phrase) in the field, stemmed or as written; null if it has no words at all. */
    private Query match(WebSearch.Term term, String field) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int clauses = 0;
        for (Map.Entry<String, Analyzer> form : List.of(Map.entry(GERMAN, german), Map.entry(AS_WRITTEN, asWritten))) {
            Query q = phraseOrWord(field + form.getKey(), form.getValue(), term.text());
            if (q != null) {
                any.add(q, Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? null : any.build();
    }

    private static Query phraseOrWord(String field, Analyzer analyzer, String text) {
        List<String> words = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute word = tokens.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = tokens.addAttribute(PositionIncrementAttribute.class);
            tokens.reset();
            int position = -1;
            while (tokens.incrementToken()) {
                position += increment.getPositionIncrement();
                words.add(word.toString());
                positions.add(position);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (words.isEmpty()) {
            return null;
        }
        if (words.size() == 1) {
            return new TermQuery(new Term(field, words.get(0)));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            phrase.add(new Term(field, words.get(i)), positions.get(i));
        }
        return phrase.build();
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }

    /** German words: lower case, stop words out, umlauts and ß folded, light stemming. */
    private static final class GermanWords extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new LowerCaseFilter(source);
            result = new StopFilter(result, GermanAnalyzer.getDefaultStopSet());
            result = new GermanNormalizationFilter(result);
            result = new GermanLightStemFilter(result);
            return new TokenStreamComponents(source, result);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return 100; // a phrase never spans two standards
        }
    }

    /** Words as written, lower case only. */
    private static final class WordsAsWritten extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return 100;
        }
    }

    /** Web-search syntax as PostgreSQL's websearch_to_tsquery reads it, for any input. */
    record WebSearch(List<List<Term>> required, List<Term> excluded) {

        /** More terms are ignored: a query stays within Lucene's clause limit whatever is typed (q is at most 200 characters). */
        static final int MAX_TERMS = 32;

        /** A word or a quoted phrase. */
        record Term(String text) {
        }

        static WebSearch parse(String input) {
            List<List<Term>> required = new ArrayList<>();
            List<Term> excluded = new ArrayList<>();
            boolean orPending = false;
            int i = 0;
            while (i < input.length() && required.size() + excluded.size() < MAX_TERMS) {
                char c = input.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                boolean negated = false;
                if (c == '-') {
                    negated = true;
                    i++;
                    if (i >= input.length()) {
                        break;
                    }
                }
                String text;
                boolean quoted = input.charAt(i) == '"';
                if (quoted) {
                    int end = input.indexOf('"', i + 1);
                    text = input.substring(i + 1, end < 0 ? input.length() : end);
                    i = end < 0 ? input.length() : end + 1;
                } else {
                    int end = i;
                    while (end < input.length() && !Character.isWhitespace(input.charAt(end)) && input.charAt(end) != '"') {
                        end++;
                    }
                    text = input.substring(i, end);
                    i = end;
                }
                if (!quoted && !negated && text.toLowerCase(Locale.ROOT).equals("or")) {
                    orPending = !required.isEmpty();
                    continue;
                }
                if (text.isBlank()) {
                    continue;
                }
                if (negated) {
                    excluded.add(new Term(text));
                } else if (orPending) {
                    required.get(required.size() - 1).add(new Term(text));
                } else {
                    List<Term> alternatives = new ArrayList<>();
                    alternatives.add(new Term(text));
                    required.add(alternatives);
                }
                orPending = false;
            }
            return new WebSearch(required, excluded);
        }
    }
}
