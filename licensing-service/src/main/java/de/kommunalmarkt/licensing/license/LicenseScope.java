package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;

/**
 * Which licences a caller sees, from the token only: a marketplace admin all; an adopter those of
 * its municipality; a provider those of its municipality's solutions.
 */
public record LicenseScope(boolean all, String municipality, boolean asAdopter, boolean asProvider) {

    public static LicenseScope of(Caller caller) {
        if (caller.hasRole(Roles.MARKETPLACE_ADMIN)) {
            return new LicenseScope(true, null, false, false);
        }
        return new LicenseScope(false, caller.requireMunicipality(),
                caller.hasRole(Roles.ADOPTER), caller.hasRole(Roles.PROVIDER));
    }

    public boolean sees(License license) {
        return all
                || asAdopter && license.adopterAgs.equals(municipality)
                || asProvider && license.providerAgs.equals(municipality);
    }

    public boolean isAdopterOf(License license) {
        return asAdopter && license.adopterAgs.equals(municipality);
    }

    public boolean isProviderOf(License license) {
        return asProvider && license.providerAgs.equals(municipality);
    }
}
