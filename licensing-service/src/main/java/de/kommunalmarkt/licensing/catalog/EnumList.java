package de.kommunalmarkt.licensing.catalog;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Small closed sets of enum constants stored as one column, names joined by ','. */
public final class EnumList {

    public static String join(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).distinct().collect(Collectors.joining(","));
    }

    public static <E extends Enum<E>> List<E> split(String column, Class<E> type) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(column.split(",")).map(name -> Enum.valueOf(type, name)).toList();
    }

    private EnumList() {
    }
}
