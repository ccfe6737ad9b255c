package de.kommunalmarkt.events;

/** A municipality's directory entry changed; carries the whole new entry (topic {@code catalog.directory}, key: AGS). */
public record MunicipalityUpdated(
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
