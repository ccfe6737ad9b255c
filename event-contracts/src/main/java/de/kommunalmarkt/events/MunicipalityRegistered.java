package de.kommunalmarkt.events;

/** A municipality joined the directory (topic {@code catalog.directory}, key: AGS). */
public record MunicipalityRegistered(
        String ags,
        String name,
        long inhabitants,
        String leitwegId,
        PostalAddress billingAddress,
        String contactEmail) implements DomainEvent {

    @Override
    public String key() {
        return ags;
    }
}
