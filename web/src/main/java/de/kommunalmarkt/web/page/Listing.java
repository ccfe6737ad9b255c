package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.ApiResult;
import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One page of an API list with the numbers to page through it and the addresses of its neighbours (null
 * where there is none): the paging of every list page. {@code page} counts from 0, as the APIs do; the
 * pages show and link it counted from 1 ({@link #shown()}).
 */
@TemplateData
public record Listing(List<Object> items, long total, int page, int pages, String previousUrl, String nextUrl) {

    /** The page index (from 0) of a {@code page} parameter as shown (from 1); none, or one below 1, is the first. */
    static int index(Integer shownPage) {
        return shownPage == null || shownPage < 1 ? 0 : shownPage - 1;
    }

    /**
     * A paged API answer ({items, total}) as page {@code page} of {@code size} items; a refusal reads as an
     * empty first page. {@code urlOfShownPage} gives the address of another page, counted from 1.
     */
    static Listing of(ApiResult found, int page, int size, IntFunction<String> urlOfShownPage) {
        if (!found.ok()) {
            return new Listing(List.of(), 0, page, 1, null, null);
        }
        Object total = found.map().get("total");
        List<Object> items = found.list();
        long count = total instanceof Number n ? n.longValue() : items.size();
        int pages = (int) Math.max(1, (count + size - 1) / size);
        return new Listing(items, count, page, pages, page > 0 ? urlOfShownPage.apply(page) : null,
                page + 1 < pages ? urlOfShownPage.apply(page + 2) : null);
    }

    /** The page as shown, counted from 1. */
    public int shown() {
        return page + 1;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pages;
    }
}
