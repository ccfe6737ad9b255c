package de.kommunalmarkt.common.security;

import de.kommunalmarkt.common.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the bearer token only: roles, the municipality (AGS) a person acts for and
 * the operator they work for. Tenant scope always comes from here, never from a request body.
 */
@RequestScoped
public class Caller {

    public static final String MUNICIPALITY_CLAIM = "municipality";
    public static final String OPERATOR_CLAIM = "operator";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public boolean hasRole(String role) {
        return !identity.isAnonymous() && identity.hasRole(role);
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public Optional<String> municipality() {
        return claim(MUNICIPALITY_CLAIM);
    }

    public Optional<String> operatorId() {
        return claim(OPERATOR_CLAIM);
    }

    /** The caller's municipality, or 403 when the account is not linked to one. */
    public String requireMunicipality() {
        return municipality().orElseThrow(() -> ProblemException.forbidden(
                "Your account is not linked to a municipality (claim 'municipality' missing)"));
    }

    /** The caller's operator, or 403 when the account is not linked to one. */
    public String requireOperator() {
        return operatorId().orElseThrow(() -> ProblemException.forbidden(
                "Your account is not linked to an operator (claim 'operator' missing)"));
    }

    private Optional<String> claim(String name) {
        if (identity.isAnonymous() || token == null || token.getRawToken() == null) {
            return Optional.empty();
        }
        Object value = token.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
