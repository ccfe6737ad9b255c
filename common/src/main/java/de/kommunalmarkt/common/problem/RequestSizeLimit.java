package de.kommunalmarkt.common.problem;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A request whose declared body ({@code Content-Length}) is larger than
 * {@code quarkus.http.limits.max-body-size} is answered like every other error: 413 as problem+json.
 * Quarkus checks the same limit in a route of its own that answers a bare 413 before any exception
 * mapper could run; this route comes just before it. (A chunked body without a declared length is cut
 * off by RESTEasy when it passes the limit, also with 413, but without a problem body: the response is
 * ended where the body is read.)
 */
@ApplicationScoped
public class RequestSizeLimit {

    static final String LIMIT_PROPERTY = "quarkus.http.limits.max-body-size";

    void install(@Observes Router router) {
        long limit = new MemorySizeConverter().convert(ConfigProvider.getConfig()
                .getOptionalValue(LIMIT_PROPERTY, String.class).orElse("10240K")).asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            if (declaredLength(ctx) > limit) {
                refuse(ctx, limit);
            } else {
                ctx.next();
            }
        });
    }

    private static long declaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(RoutingContext ctx, long limit) {
        ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
        JsonObject problem = new JsonObject().put("type", type.uri().toString()).put("title", type.title())
                .put("status", type.status()).put("detail", "The request body is larger than the limit of " + limit + " bytes");
        ctx.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // the body is not read: an HTTP/1 connection cannot carry another request after this answer
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        ctx.response().end(problem.encode());
    }
}
