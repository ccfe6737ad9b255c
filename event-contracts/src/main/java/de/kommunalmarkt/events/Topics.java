package de.kommunalmarkt.events;

/** The Kafka topics of docs/ARCHITECTURE.md ("Topics and events"); a consumer's poison records go to {@code <topic>.dlq}. */
public final class Topics {
    public static final String CATALOG_SOLUTIONS = "catalog.solutions";
    public static final String CATALOG_DIRECTORY = "catalog.directory";
    public static final String LICENSING_LICENSES = "licensing.licenses";
    public static final String LICENSING_DEPLOYMENTS = "licensing.deployments";
    public static final String BILLING_INVOICES = "billing.invoices";

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
