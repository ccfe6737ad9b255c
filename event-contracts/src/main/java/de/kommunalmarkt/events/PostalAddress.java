package de.kommunalmarkt.events;

/** A postal address as an invoice needs it. {@code countryCode} is ISO 3166-1 alpha-2. */
public record PostalAddress(String street, String postalCode, String city, String countryCode) {
}
