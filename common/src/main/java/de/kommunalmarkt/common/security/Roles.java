package de.kommunalmarkt.common.security;

/** The realm roles of the {@code kommunalmarkt} Keycloak realm. */
public final class Roles {
    public static final String ADOPTER = "adopter";
    public static final String PROVIDER = "provider";
    public static final String OPERATOR = "operator";
    public static final String BILLING_ADMIN = "billing-admin";
    public static final String MARKETPLACE_ADMIN = "marketplace-admin";

    private Roles() {
    }
}
