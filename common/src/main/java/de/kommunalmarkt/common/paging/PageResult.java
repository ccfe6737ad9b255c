package de.kommunalmarkt.common.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {items, page, size, total}} as docs/API.md ("Common rules") defines it. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public static <T> PageResult<T> of(List<T> items, PageParams params, long total) {
        return new PageResult<>(List.copyOf(items), params.page, params.size, total);
    }

    public <R> PageResult<R> map(Function<? super T, ? extends R> mapper) {
        return new PageResult<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
