package de.kommunalmarkt.catalog;

import de.kommunalmarkt.events.Topics;
import de.kommunalmarkt.testsupport.KafkaEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Licence events as licensing-service publishes them (CloudEvents binary mode on licensing.licenses). */
public final class LicenseEvents {

    public static String activated(String licenseId, String solutionId, String adopterAgs, String providerAgs) {
        return """
                {"licenseId":"%s","solutionId":"%s","planId":"%s","adopterAgs":"%s","providerAgs":"%s","activatedOn":"2026-11-16"}"""
                .formatted(licenseId, solutionId, UUID.randomUUID(), adopterAgs, providerAgs);
    }

    public static String terminated(String licenseId, String solutionId, String adopterAgs, String providerAgs) {
        return """
                {"licenseId":"%s","solutionId":"%s","adopterAgs":"%s","providerAgs":"%s","endsOn":"2027-12-31","requestedOn":"2026-12-01"}"""
                .formatted(licenseId, solutionId, adopterAgs, providerAgs);
    }

    public static String ended(String licenseId, String solutionId, String adopterAgs, String providerAgs) {
        return """
                {"licenseId":"%s","solutionId":"%s","adopterAgs":"%s","providerAgs":"%s","endedOn":"2027-12-31"}"""
                .formatted(licenseId, solutionId, adopterAgs, providerAgs);
    }

    /** Sends the payload with the given {@code ce_id}; the same id again is a redelivery. */
    public static void send(String eventId, String type, String licenseId, String payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", eventId);
        headers.put("ce_source", "licensing-service");
        headers.put("ce_type", type);
        headers.put("ce_time", "2026-11-16T08:00:00Z");
        headers.put("ce_subject", licenseId);
        headers.put("content-type", "application/json");
        try (KafkaEvents kafka = new KafkaEvents()) {
            kafka.send(Topics.LICENSING_LICENSES, licenseId, payload, headers);
        }
    }

    /** Sends a new event (fresh {@code ce_id}) and returns that id. */
    public static String send(String type, String licenseId, String payload) {
        String eventId = UUID.randomUUID().toString();
        send(eventId, type, licenseId, payload);
        return eventId;
    }

    private LicenseEvents() {
    }
}
