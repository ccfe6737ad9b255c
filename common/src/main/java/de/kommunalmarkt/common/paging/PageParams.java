package de.kommunalmarkt.common.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code page} (from 0) and {@code size} (1–200, default 20) of a list request, as {@code @BeanParam}. */
public class PageParams {

    public static final int MAX_SIZE = 200;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    public int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(value = 1, message = "must be between 1 and 200")
    @Max(value = MAX_SIZE, message = "must be between 1 and 200")
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
