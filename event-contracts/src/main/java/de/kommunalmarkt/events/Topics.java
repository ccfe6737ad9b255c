package de.kommunalmarkt.events;

/**
 * The Kafka topics of docs/ARCHITECTURE.md ("Topics and events"); a consumer's poison records go to
 * {@code <topic>.dlq}; each operator has topics of its own under {@link #operatorPrefix}.
 */
public final class Topics {
    public static final String CATALOG_SOLUTIONS = "catalog.solutions";
    public static final String CATALOG_DIRECTORY = "catalog.directory";
    public static final String CATALOG_ROUNDS = "catalog.rounds";
    public static final String LICENSING_LICENSES = "licensing.licenses";
    public static final String LICENSING_DEPLOYMENTS = "licensing.deployments";
    public static final String BILLING_INVOICES = "billing.invoices";

    /** Every operator's own topics start with this; licensing writes them. */
    public static final String OPERATORS_PREFIX = "operators.";

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** What belongs to one operator on the broker: its topics and its consumer groups start with this. */
    public static String operatorPrefix(String operatorId) {
        if (!OperatorId.isValid(operatorId)) {
            throw new IllegalArgumentException("not an operator id: " + operatorId);
        }
        return OPERATORS_PREFIX + operatorId + ".";
    }

    /** The operator's own deployment events ({@code operators.<operatorId>.deployments}), keyed by licence id. */
    public static String operatorDeployments(String operatorId) {
        return operatorPrefix(operatorId) + "deployments";
    }

    private Topics() {
    }
}
