package de.kommunalmarkt.web.api;

import java.util.List;
import java.util.Map;

/** What an API answered: the parsed JSON body (maps, lists, strings, numbers) or its problem. */
public record ApiResult(int status, Object body, ApiProblem problem) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON object; throws ApiRefusedException when the API refused. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        requireOk();
        return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The body as a JSON array, or the {@code items} of a page; throws when the API refused. */
    @SuppressWarnings("unchecked")
    public List<Object> list() {
        requireOk();
        if (body instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (body instanceof Map<?, ?> m && m.get("items") instanceof List<?> items) {
            return (List<Object>) items;
        }
        return List.of();
    }

    public ApiResult requireOk() {
        if (!ok()) {
            throw new ApiRefusedException(problem);
        }
        return this;
    }
}
