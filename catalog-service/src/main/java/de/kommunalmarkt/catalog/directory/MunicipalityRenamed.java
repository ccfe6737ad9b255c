package de.kommunalmarkt.catalog.directory;

/**
 * A municipality's name changed (CDI event, fired inside the changing transaction): what shows the
 * provider's name beside its solutions is rendered again once the change commits.
 */
public record MunicipalityRenamed(String ags) {
}
