package de.kommunalmarkt.catalog.solution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The kept search pages: never a page from before a change, the most recently used kept within the capacity. */
class SearchPagesTest {

    private static SearchPages.Key key(String q) {
        return new SearchPages.Key(new SearchCriteria(q, null, null, null), 0, 20);
    }

    private static SearchPages.Page page(String body) {
        return new SearchPages.Page(body.getBytes(StandardCharsets.UTF_8), "\"" + body + "\"");
    }

    @Test
    void aPageRenderedBeforeAChangeIsNotKept() {
        SearchPages pages = new SearchPages(10);
        long began = pages.version();
        pages.invalidate(); // a change committed while the search ran
        pages.keep(began, key("Parken"), page("old"));
        assertThat(pages.get(key("Parken"))).isNull();

        pages.keep(pages.version(), key("Parken"), page("new"));
        assertThat(pages.get(key("Parken")).etag()).isEqualTo("\"new\"");
        pages.invalidate();
        assertThat(pages.get(key("Parken"))).isNull();
    }

    @Test
    void theLeastRecentlyUsedPageGoesFirst() {
        SearchPages pages = new SearchPages(2);
        long v = pages.version();
        pages.keep(v, key("a"), page("a"));
        pages.keep(v, key("b"), page("b"));
        pages.get(key("a"));
        pages.keep(v, key("c"), page("c"));
        assertThat(pages.get(key("b"))).isNull();
        assertThat(pages.get(key("a"))).isNotNull();
        assertThat(pages.get(key("c"))).isNotNull();
        assertThat(pages.size()).isEqualTo(2);
    }

    @Test
    void filtersAndWindowsAreDifferentPages() {
        SearchPages pages = new SearchPages(10);
        long v = pages.version();
        pages.keep(v, key("a"), page("a"));
        assertThat(pages.get(new SearchPages.Key(new SearchCriteria("a", Category.MOBILITY, null, null), 0, 20))).isNull();
        assertThat(pages.get(new SearchPages.Key(new SearchCriteria("a", null, null, null), 20, 20))).isNull();
        assertThat(pages.get(new SearchPages.Key(new SearchCriteria(" a ", null, null, null), 0, 20))).isNotNull();
    }

    @Test
    void capacityZeroKeepsNothing() {
        SearchPages pages = new SearchPages(0);
        pages.keep(pages.version(), key("a"), page("a"));
        assertThat(pages.get(key("a"))).isNull();
    }
}
