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
import java.util.Objects;
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
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.LongHeap;

/**
 * The in-process full-text index of the published solutions (Apache Lucene, in memory). Each text
 * field is indexed twice: with German stems and umlauts folded ({@code Sensoren} finds {@code Sensor},
 * {@code Buergerbeteiligung} finds {@code Bürgerbeteiligung}) and with the words as written (names,
 * abbreviations such as {@code OParl}, German stop words).
 *
 * <p>Queries use web-search syntax as before: words are ANDed, {@code "phrases"}, {@code or} between
 * two terms, {@code -excluded}; any input is accepted. Relevance counts, per query term, a match in
 * the name (1.0) and in summary or standards (0.4); a match only in the description scores 0 and
 * ranks after those. Ties go to the adoption count, then name and id (stable paging).
 *
 * <p>Lucene matches and scores; everything after relevance is held in memory: every solution's place
 * in the tie-break order ({@link Ranking}, sorted once per change, not per search). One pass over the
 * matches counts them and keeps the best as numbers (score and place in one {@code long}) in a heap; a
 * hit scoring below the heap's worst is dropped before anything else is read.
 *
 * <p>What a broad search ({@code Parkplatz -zz…}, ~5,000 hits) spent its time on in the profile: a dozen
 * and more segments, because merges ran in the background and the searcher was refreshed only on the
 * next change, while each segment costs every query term a dictionary look-up per field; and per hit
 * doc values and a comparator over objects. Now merges run while a change is applied, before the
 * searcher is refreshed (a few segments), each file is one buffer (a look-up clones its input), and
 * the match of a word in all text that searches repeat is cached ({@link #filters}).
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
    /** The order after relevance: adoption count (most first), then name, then id. */
    private static final Comparator<Ranked> TIE_BREAK = Comparator.comparingInt((Ranked r) -> -r.adoptions())
            .thenComparing(Ranked::name)
            .thenComparing(Ranked::idText);

    private final Analyzer german = new GermanWords();
    private final Analyzer asWritten = new WordsAsWritten();
    /** Each file one buffer: a term look-up clones its input, which for a file of many buffers copies the list. */
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
            ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
    /**
     * Filters that searches repeat (a word's match in all text, a category) kept as document sets per
     * segment, under Lucene's usual policy (a filter seen several times among the recent queries).
     * Lucene's default cache only considers segments of 10,000 documents and more; this one every segment
     * not far below the average size ({@link #worthCaching}), which is where a catalog's documents are.
     */
    private final LRUQueryCache filters = new LRUQueryCache(1_000, 16L << 20, SearchIndex::worthCaching, 10);
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Each solution's slot (a small number kept in its document) and what ranking needs of it, by slot (writers only). */
    private final Map<UUID, Integer> slots = new java.util.HashMap<>();
    private Ranked[] bySlot = new Ranked[1024];
    /** Replaced before the searcher showing the change: any document a search meets has its place here. */
    private volatile Ranking ranking = Ranking.of(bySlot, 0);

    /** What the tie-breaks need, kept in memory: Lucene's string sort would read compressed doc values per hit. */
    private record Ranked(UUID id, String idText, String name, int adoptions, int slot) {
    }

    /**
     * Every solution held in {@link #TIE_BREAK} order, and each slot's place in it. A hit is then one
     * {@linkplain #key number}: the larger, the better.
     */
    private record Ranking(Ranked[] inOrder, int[] placeOfSlot) {

        static Ranking of(Ranked[] bySlot, int slots) {
            Ranked[] inOrder = Arrays.stream(bySlot, 0, slots).filter(Objects::nonNull).sorted(TIE_BREAK).toArray(Ranked[]::new);
            int[] placeOfSlot = new int[slots];
            Arrays.fill(placeOfSlot, -1);
            for (int place = 0; place < inOrder.length; place++) {
                placeOfSlot[inOrder[place].slot()] = place;
            }
            return new Ranking(inOrder, placeOfSlot);
        }

        /** The slot's place in the tie-break order (0 is first); -1 if this ranking does not know the slot. */
        int placeOf(int slot) {
            return slot < placeOfSlot.length ? placeOfSlot[slot] : -1;
        }

        /**
         * Relevance in the upper half, the place (inverted: an earlier place is larger) in the lower half.
         * Scores are never negative, and the bits of non-negative floats order as the floats do.
         */
        static long key(float score, int place) {
            return (long) Float.floatToIntBits(score) << 32 | (Integer.MAX_VALUE - place);
        }

        static float score(long key) {
            return Float.intBitsToFloat((int) (key >>> 32));
        }

        Ranked solution(long key) {
            return inOrder[Integer.MAX_VALUE - (int) key];
        }
    }

    SearchIndex() {
        Map<String, Analyzer> perField = new java.util.HashMap<>();
        for (String field : List.of(NAME, SUMMARY_AND_STANDARDS, ALL_TEXT)) {
            perField.put(field + GERMAN, german);
            perField.put(field + AS_WRITTEN, asWritten);
        }
        try {
            IndexWriterConfig config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(asWritten, perField));
            // merges run in the thread applying a change, so the searcher refreshed after it already has them
            config.setMergeScheduler(new SerialMergeScheduler());
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setQueryCache(filters);
                    return searcher;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lucene's rule for its default cache (a segment at least half the average size) without its minimum of 10,000 documents. */
    private static boolean worthCaching(LeafReaderContext segment) {
        IndexReaderContext index = ReaderUtil.getTopLevelContext(segment);
        return 2L * segment.reader().maxDoc() * index.leaves().size() > index.reader().maxDoc();
    }

    /** Adds or replaces the published solutions and removes the ids given in {@code removed}; visible to searches on return. */
    synchronized void apply(Collection<Solution> published, Collection<UUID> removed) {
        try {
            for (Solution s : published) {
                int slot = slots.computeIfAbsent(s.id, id -> slots.size());
                if (slot >= bySlot.length) {
                    bySlot = Arrays.copyOf(bySlot, Math.max(bySlot.length * 2, slot + 1));
                }
                bySlot[slot] = new Ranked(s.id, s.id.toString(), s.name, s.adoptionCount, slot);
                writer.updateDocument(new Term(ID, s.id.toString()), document(s, slot));
            }
            for (UUID id : removed) {
                writer.deleteDocuments(new Term(ID, id.toString()));
            }
            if (!published.isEmpty()) {
                ranking = Ranking.of(bySlot, slots.size());
            }
            // writes the new segment and runs the merges the merge policy asks for (serial scheduler);
            // without this the searcher would keep the unmerged segments until the next change
            writer.flush();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Hits search(SearchCriteria criteria, int offset, int limit) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Ranking current = ranking;
                int wanted = (int) Math.min((long) offset + limit, Math.max(1, searcher.getIndexReader().maxDoc()));
                Best.Found found = searcher.search(query(criteria), new Best(wanted, current));
                List<UUID> ids = new ArrayList<>(limit);
                for (int i = offset; i < found.keys().length && ids.size() < limit; i++) {
                    ids.add(current.solution(found.keys()[i]).id());
                }
                return new Hits(ids, found.total());
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts every match and keeps the best {@code wanted} of them, in one pass over the matches. */
    private record Best(int wanted, Ranking ranking) implements CollectorManager<Best.Keeper, Best.Found> {

        /** The {@linkplain Ranking#key keys} of the best hits, best first, and how many match in all. */
        record Found(long[] keys, long total) {
        }

        @Override
        public Keeper newCollector() {
            return new Keeper(wanted, ranking);
        }

        @Override
        public Found reduce(Collection<Keeper> keepers) {
            LongHeap best = new LongHeap(wanted);
            long total = 0;
            for (Keeper keeper : keepers) {
                total += keeper.total;
                for (int i = 1; i <= keeper.top.size(); i++) { // LongHeap counts from 1
                    best.insertWithOverflow(keeper.top.get(i));
                }
            }
            long[] keys = new long[best.size()];
            for (int i = keys.length - 1; i >= 0; i--) {
                keys[i] = best.pop(); // the worst first
            }
            return new Found(keys, total);
        }

        /** Counts every match and keeps the best in a heap, the worst on top. */
        static final class Keeper extends SimpleCollector {
            final LongHeap top;
            final int wanted;
            final Ranking ranking;
            long total;
            private Scorable scorer;
            private NumericDocValues slotOf;

            Keeper(int wanted, Ranking ranking) {
                this.wanted = wanted;
                this.ranking = ranking;
                this.top = new LongHeap(wanted);
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
                float score = scorer.score();
                if (top.size() == wanted && score < Ranking.score(top.top())) {
                    return; // loses on relevance already: most hits of a broad search
                }
                if (!slotOf.advanceExact(doc)) {
                    return;
                }
                int place = ranking.placeOf((int) slotOf.longValue());
                if (place >= 0) {
                    top.insertWithOverflow(Ranking.key(score, place));
                }
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
