package de.kommunalmarkt.common.paging;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code page} (from 0) and {@code size} (1–200, default 20) of a list request, as {@code @BeanParam}.
 * Their bounds are checked by {@link PagingBounds} before JAX-RS converts them, so that a page that is
 * no number (which JAX-RS would answer with 404) or one too deep is a 400 naming the parameter.
 */
public class PageParams {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;
    /**
     * The deepest first row a page may start at: far beyond any list the marketplace holds (a million
     * licences), and a bound on what a single request may make the database skip.
     */
    public static final int MAX_OFFSET = 10_000_000;

    @QueryParam("page")
    @DefaultValue("0")
    @Parameter(description = "Page number from 0; page × size at most " + MAX_OFFSET, schema = @Schema(minimum = "0"))
    public int page;

    @QueryParam("size")
    @DefaultValue("" + DEFAULT_SIZE)
    @Parameter(description = "Items per page", schema = @Schema(minimum = "1", maximum = "" + MAX_SIZE))
    public int size;

    public PageParams() {
    }

    public PageParams(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public int offset() {
        return Math.multiplyExact(page, size);
    }
}
