package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.catalog.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The caching rules of the catalog's public reads, in one place:
 *
 * <ul>
 * <li>the same for everyone (search; a public solution read without a token): {@code ETag} of the
 * body and {@code Cache-Control: public, max-age=N, must-revalidate}; {@code If-None-Match} with
 * the current tag is answered 304 without a body;</li>
 * <li>a public solution read with a token: the same tag, but {@code private, no-cache} — a shared
 * cache never keeps what was asked for with credentials;</li>
 * <li>anything only its provider may see (a draft): {@code private, no-store}, no tag.</li>
 * </ul>
 * Reads that depend on the token vary by {@code Authorization}.
 */
@ApplicationScoped
public class HttpCaching {

    private final String publicPolicy;

    public HttpCaching(CatalogConfig config) {
        this.publicPolicy = "public, max-age=" + config.httpCache().maxAgeSeconds() + ", must-revalidate";
    }

    /** The same answer for everyone. */
    public Response.ResponseBuilder shared(byte[] body, String etag, String ifNoneMatch) {
        return tagged(body, etag, ifNoneMatch, publicPolicy);
    }

    /** A public answer to a caller who sent credentials. */
    public Response.ResponseBuilder privateCopy(byte[] body, String etag, String ifNoneMatch) {
        return tagged(body, etag, ifNoneMatch, "private, no-cache");
    }

    /** What only this caller may see. */
    public Response.ResponseBuilder personal(Object entity) {
        return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    private static Response.ResponseBuilder tagged(byte[] body, String etag, String ifNoneMatch, String policy) {
        Response.ResponseBuilder response = matches(ifNoneMatch, etag) ? Response.notModified()
                : Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, policy);
    }

    /** RFC 9110 If-None-Match: weak comparison against each listed tag, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || (tag.startsWith("W/") && tag.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }
}
