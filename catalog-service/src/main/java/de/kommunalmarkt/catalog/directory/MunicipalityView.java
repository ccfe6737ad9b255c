package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.events.PostalAddress;
import java.time.Instant;

/** A municipality as the directory shows it. */
public record MunicipalityView(String ags, String name, long inhabitants, String leitwegId, PostalAddress billingAddress,
        String contactEmail, Instant registeredAt, Instant updatedAt) {
}
