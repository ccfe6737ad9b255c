package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.events.MunicipalityRegistered;
import de.kommunalmarkt.events.MunicipalityUpdated;
import de.kommunalmarkt.events.PostalAddress;

/** Between the entity, the REST records and the directory events. */
final class MunicipalityMapper {

    static void apply(MunicipalityRequest request, Municipality target) {
        target.name = request.name().strip();
        target.inhabitants = request.inhabitants();
        target.leitwegId = request.leitwegId();
        target.street = request.billingAddress().street().strip();
        target.postalCode = request.billingAddress().postalCode();
        target.city = request.billingAddress().city().strip();
        target.countryCode = request.billingAddress().countryCode();
        target.contactEmail = request.contactEmail().strip();
    }

    static MunicipalityView view(Municipality m) {
        return new MunicipalityView(m.ags, m.name, m.inhabitants, m.leitwegId, address(m), m.contactEmail,
                m.registeredAt, m.updatedAt);
    }

    static MunicipalityRegistered registered(Municipality m) {
        return new MunicipalityRegistered(m.ags, m.name, m.inhabitants, m.leitwegId, address(m), m.contactEmail);
    }

    static MunicipalityUpdated updated(Municipality m) {
        return new MunicipalityUpdated(m.ags, m.name, m.inhabitants, m.leitwegId, address(m), m.contactEmail);
    }

    private static PostalAddress address(Municipality m) {
        return new PostalAddress(m.street, m.postalCode, m.city, m.countryCode);
    }

    private MunicipalityMapper() {
    }
}
