package de.kommunalmarkt.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signed bearer tokens shaped like the {@code kommunalmarkt} realm's: roles in
 * {@code realm_access.roles}, the {@code municipality} / {@code operator} claims. They are signed with
 * the key that {@code OidcWiremockTestResource} publishes, so services validate them for real.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";

    public static String adopter(String ags) {
        return token("adopter-" + ags, Set.of("adopter"), Map.of("municipality", ags));
    }

    public static String provider(String ags) {
        return token("provider-" + ags, Set.of("adopter", "provider"), Map.of("municipality", ags));
    }

    public static String operator(String operatorId) {
        return token("operator-" + operatorId, Set.of("operator"), Map.of("operator", operatorId));
    }

    /** An operator's token that expires {@code validFor} from now (a stream must end then). */
    public static String operator(String operatorId, Duration validFor) {
        return token("operator-" + operatorId, Set.of("operator"), Map.of("operator", operatorId), validFor);
    }

    public static String billingAdmin() {
        return token("billing", Set.of("billing-admin"), Map.of());
    }

    public static String marketplaceAdmin() {
        return token("admin", Set.of("marketplace-admin"), Map.of());
    }

    public static String token(String user, Set<String> roles, Map<String, String> claims) {
        return token(user, roles, claims, Duration.ofMinutes(10));
    }

    private static String token(String user, Set<String> roles, Map<String, String> claims, Duration validFor) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .subject(user)
                .preferredUserName(user)
                .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                .expiresIn(validFor);
        claims.forEach(builder::claim);
        return builder.jws().keyId("1").sign("privateKey.jwk");
    }

    private TestTokens() {
    }
}
