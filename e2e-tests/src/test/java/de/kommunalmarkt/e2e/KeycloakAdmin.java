package de.kommunalmarkt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The local Keycloak's admin API (master realm, admin/admin — local only): creates further users of
 * the kommunalmarkt realm for tests, and tokens a service must refuse (expired, another issuer).
 */
public final class KeycloakAdmin {

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    public KeycloakAdmin(LocalStack stack) {
        this.stack = stack;
    }

    private String base() {
        return "http://127.0.0.1:" + stack.port("keycloak");
    }

    /** A token of the master realm's admin: validly signed, but by another issuer than the services trust. */
    public String masterRealmToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        return stack.read(send(HttpRequest.newBuilder(URI.create(base() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), 200)).get("access_token").asText();
    }

    /** Creates (or finds) a user of the kommunalmarkt realm with password {@code demo}, realm roles and attributes. */
    public void ensureUser(String username, List<String> roles, Map<String, String> attributes) {
        String admin = masterRealmToken();
        String realm = base() + "/admin/realms/kommunalmarkt";
        StringBuilder attrs = new StringBuilder();
        attributes.forEach((k, v) -> attrs.append(attrs.isEmpty() ? "" : ",").append('"').append(k).append("\":[\"").append(v).append("\"]"));
        String user = """
                {"username":"%s","enabled":true,"emailVerified":true,"firstName":"Test","lastName":"%s",
                 "email":"%s@example.org","attributes":{%s},
                 "credentials":[{"type":"password","value":"%s","temporary":false}]}"""
                .formatted(username, username, username, attrs, LocalStack.DEMO_PASSWORD);
        HttpResponse<String> created = sendRaw(HttpRequest.newBuilder(URI.create(realm + "/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user)).build());
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("creating user " + username + ": " + created.statusCode() + " " + created.body());
        }
        JsonNode found = stack.read(send(HttpRequest.newBuilder(URI.create(realm + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + admin).GET().build(), 200));
        String id = found.get(0).get("id").asText();
        StringBuilder roleReps = new StringBuilder();
        for (String role : roles) {
            JsonNode rep = stack.read(send(HttpRequest.newBuilder(URI.create(realm + "/roles/" + role))
                    .header("Authorization", "Bearer " + admin).GET().build(), 200));
            roleReps.append(roleReps.isEmpty() ? "" : ",").append(rep.toString());
        }
        send(HttpRequest.newBuilder(URI.create(realm + "/users/" + id + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + roleReps + "]")).build(), 204);
    }

    /**
     * A real token of a demo user that has expired: the realm's access-token lifespan is set to 1 s
     * for the moment it takes to get one, then restored.
     */
    public String expiredToken(String user) throws InterruptedException {
        String admin = masterRealmToken();
        String realm = base() + "/admin/realms/kommunalmarkt";
        int lifespan = stack.read(send(HttpRequest.newBuilder(URI.create(realm)).header("Authorization", "Bearer " + admin)
                .GET().build(), 200)).get("accessTokenLifespan").asInt();
        setLifespan(realm, admin, 1);
        String token;
        try {
            token = stack.token(user);
        } finally {
            setLifespan(realm, admin, lifespan);
        }
        Thread.sleep(2_500);
        return token;
    }

    private void setLifespan(String realm, String admin, int seconds) {
        send(HttpRequest.newBuilder(URI.create(realm)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessTokenLifespan\":" + seconds + "}")).build(), 204);
    }

    private String send(HttpRequest request, int expected) {
        HttpResponse<String> response = sendRaw(request);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> sendRaw(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
