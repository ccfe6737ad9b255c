package de.kommunalmarkt.web.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Base64;
import java.util.Map;

/**
 * Who looks at the page (templates: {@code inject:viewer}): name, roles, municipality (AGS) and
 * operator id from the access token Quarkus has verified. Used to show what a role may do; the
 * services decide again on every call.
 */
@Named("viewer")
@RequestScoped
public class Viewer {

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper json;

    private Map<String, Object> claims;

    public boolean isLoggedIn() {
        // A page rendered on the I/O thread (404 for a path no page has) cannot resolve the identity
        // without blocking: it is shown as to an anonymous visitor.
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            return false;
        }
        return identity != null && !identity.isAnonymous();
    }

    public boolean has(String role) {
        return isLoggedIn() && identity.hasRole(role);
    }

    public boolean isAdopter() {
        return has("adopter");
    }

    public boolean isProvider() {
        return has("provider");
    }

    public boolean isOperator() {
        return has("operator");
    }

    public boolean isBillingAdmin() {
        return has("billing-admin");
    }

    public boolean isAdmin() {
        return has("marketplace-admin");
    }

    /** The display name: full name if the account has one, else the user name. */
    public String getName() {
        Object name = claims().get("name");
        if (name instanceof String s && !s.isBlank()) {
            return s;
        }
        Object user = claims().get("preferred_username");
        return user == null ? "" : user.toString();
    }

    /** The AGS of the user's municipality, or null. */
    public String getMunicipality() {
        Object ags = claims().get("municipality");
        return ags == null ? null : ags.toString();
    }

    /** The operator id of an operator's staff, or null. */
    public String getOperator() {
        Object op = claims().get("operator");
        return op == null ? null : op.toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> claims() {
        if (claims == null) {
            claims = Map.of();
            if (isLoggedIn()) {
                AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
                String[] parts = token == null ? new String[0] : token.getToken().split("\\.");
                if (parts.length == 3) {
                    try {
                        claims = json.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
                    } catch (java.io.IOException | IllegalArgumentException e) {
                        claims = Map.of();
                    }
                }
            }
        }
        return claims;
    }
}
