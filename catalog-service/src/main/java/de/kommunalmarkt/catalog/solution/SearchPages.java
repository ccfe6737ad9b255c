package de.kommunalmarkt.catalog.solution;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rendered search result pages of the current public catalog, the most recently used kept (a
 * bounded LRU). Popular searches repeat (a category, a common word, the first page), so a page is
 * rendered once per catalog version instead of once per request.
 *
 * <p>Every change to the public catalog {@linkplain #invalidate() empties it} and starts a new
 * version. A search remembers the version it began in and its page is kept only if no change came
 * in between: a page rendered from the catalog before a change never outlives it.
 */
final class SearchPages {

    /** What makes two searches the same: criteria and the page's window. */
    record Key(SearchCriteria criteria, int offset, int limit) {
    }

    /** A page as the API sends it, with the strong validator of its bytes. */
    record Page(byte[] json, String etag) {
    }

    private final int capacity;
    private final Map<Key, Page> pages;
    private long version;

    SearchPages(int capacity) {
        this.capacity = capacity;
        this.pages = new LinkedHashMap<>(Math.max(16, Math.min(capacity, 1024)), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Page> eldest) {
                return size() > SearchPages.this.capacity;
            }
        };
    }

    /** The version a search begins in; pass it to {@link #keep}. */
    synchronized long version() {
        return version;
    }

    synchronized Page get(Key key) {
        return pages.get(key);
    }

    /** Keeps the page unless the catalog changed since {@code seenVersion}. */
    synchronized void keep(long seenVersion, Key key, Page page) {
        if (capacity > 0 && seenVersion == version) {
            pages.put(key, page);
        }
    }

    /** The public catalog changed: every kept page may be wrong now. */
    synchronized void invalidate() {
        version++;
        pages.clear();
    }

    synchronized int size() {
        return pages.size();
    }
}
