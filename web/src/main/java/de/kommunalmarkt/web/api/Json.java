package de.kommunalmarkt.web.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object of an API as templates read it: a field the API left out reads as null (like an
 * explicit null), so {@code {#if solution.scalingRound}} works whether the field is absent or null.
 */
public class Json extends LinkedHashMap<String, Object> {

    @Override
    public boolean containsKey(Object key) {
        return true;
    }

    /** Jackson's maps and lists with every object turned into a Json. */
    @SuppressWarnings("unchecked")
    static Object wrap(Object value) {
        if (value instanceof Map<?, ?> map) {
            Json json = new Json();
            map.forEach((k, v) -> json.put(String.valueOf(k), wrap(v)));
            return json;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(wrap(v)));
            return out;
        }
        return value;
    }
}
