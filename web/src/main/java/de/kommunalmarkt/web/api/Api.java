package de.kommunalmarkt.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The one way pages reach the services: each call carries the logged-in user's access token (none
 * for anonymous visitors), so every rule and every permission stays in the services. Logs method,
 * path and status only, never a header or a token.
 */
@RequestScoped
public class Api {

    private static final Logger LOG = Logger.getLogger(Api.class);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper json;

    /** A path with its query: null and blank values are left out, the others encoded. */
    public static String path(String path, Object... nameValues) {
        StringJoiner query = new StringJoiner("&");
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            Object value = nameValues[i + 1];
            if (value != null && !value.toString().isBlank()) {
                query.add(enc(nameValues[i].toString()) + "=" + enc(value.toString()));
            }
        }
        return query.length() == 0 ? path : path + "?" + query;
    }

    /** One path segment, encoded (ids come from URLs the user can edit). */
    public static String seg(String value) {
        return enc(value).replace("+", "%20");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public ApiResult get(Service service, String path) {
        return send(service, "GET", path, null, null);
    }

    public ApiResult post(Service service, String path, Object body) {
        return send(service, "POST", path, body, null);
    }

    public ApiResult put(Service service, String path, Object body) {
        return send(service, "PUT", path, body, null);
    }

    public ApiResult delete(Service service, String path) {
        return send(service, "DELETE", path, null, null);
    }

    /** A body that is not JSON (a camt.053 bank statement). */
    public ApiResult postRaw(Service service, String path, byte[] body, String contentType) {
        return send(service, "POST", path, body, contentType);
    }

    /** A document as the API serves it (an XRechnung): bytes, type and the file name it suggests. */
    public record Download(int status, byte[] bytes, String contentType, String fileName, ApiProblem problem) {
    }

    public Download download(Service service, String path) {
        HttpRequest request = request(service, path).setHeader("Accept", "application/xml, application/problem+json, */*")
                .GET().build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            LOG.debugf("GET %s %s -> %d", service, path, response.statusCode());
            String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            if (response.statusCode() >= 300) {
                return new Download(response.statusCode(), null, type, null,
                        ApiProblem.of(response.statusCode(), parse(response.body())));
            }
            String disposition = response.headers().firstValue("Content-Disposition").orElse("");
            int at = disposition.indexOf("filename=");
            String name = at < 0 ? null : disposition.substring(at + 9).replace("\"", "").trim();
            return new Download(response.statusCode(), response.body(), type, name, null);
        } catch (IOException e) {
            return new Download(503, null, null, null, unreachable(service));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Download(503, null, null, null, unreachable(service));
        }
    }

    /**
     * A Server-Sent Events stream of the API as lines (the operator's deployment events); the caller
     * closes the stream. Empty when the API refused or is unreachable.
     */
    public Optional<Stream<String>> lines(Service service, String path) {
        HttpRequest request = request(service, path).timeout(Duration.ofHours(8))
                .setHeader("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
            LOG.debugf("GET %s %s -> %d (stream)", service, path, response.statusCode());
            if (response.statusCode() != 200) {
                response.body().close();
                return Optional.empty();
            }
            return Optional.of(response.body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private ApiResult send(Service service, String method, String path, Object body, String rawType) {
        HttpRequest.Builder builder = request(service, path).timeout(TIMEOUT);
        try {
            if (body == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else if (body instanceof byte[] raw) {
                builder.header("Content-Type", rawType).method(method, HttpRequest.BodyPublishers.ofByteArray(raw));
            } else {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            LOG.debugf("%s %s %s -> %d", method, service, path, status);
            Object parsed = parse(response.body());
            return new ApiResult(status, parsed, status >= 300 ? ApiProblem.of(status, parsed) : null);
        } catch (IOException e) {
            LOG.warnf("%s %s %s: unreachable (%s)", method, service, path, e.getClass().getSimpleName());
            return new ApiResult(503, null, unreachable(service));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiResult(503, null, unreachable(service));
        }
    }

    private HttpRequest.Builder request(Service service, String path) {
        String base = ConfigProvider.getConfig().getValue(service.urlSetting, String.class);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Accept",
                "application/json, application/problem+json");
        token().ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private Optional<String> token() {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? Optional.empty() : Optional.ofNullable(credential.getToken());
    }

    private Object parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try (InputStream in = new java.io.ByteArrayInputStream(body)) {
            return Json.wrap(json.readValue(in, Object.class));
        } catch (IOException e) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static ApiProblem unreachable(Service service) {
        return new ApiProblem(503, "Der Dienst ist gerade nicht erreichbar",
                "Der " + switch (service) {
                    case CATALOG -> "Katalog";
                    case LICENSING -> "Lizenzdienst";
                    case BILLING -> "Abrechnungsdienst";
                } + " antwortet nicht. Bitte versuchen Sie es gleich noch einmal.", List.of());
    }
}
