package de.kommunalmarkt.events;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event of the contract (docs/EVENTS.md): those of version 1.0.0 plus the additions within version 1
 * that this module's README documents (LicenseCancelled, DeploymentCancelled, LicenseEnded, the
 * scaling rounds' events): its CloudEvents type name, its record and
 * its topic. One place for the mapping, used by the outbox (type and topic of what is written) and by
 * consumers (which record to read a {@code ce_type} into).
 */
public enum EventType {
    SOLUTION_PUBLISHED(SolutionPublished.class, Topics.CATALOG_SOLUTIONS),
    SOLUTION_UPDATED(SolutionUpdated.class, Topics.CATALOG_SOLUTIONS),
    SOLUTION_DEPRECATED(SolutionDeprecated.class, Topics.CATALOG_SOLUTIONS),

    MUNICIPALITY_REGISTERED(MunicipalityRegistered.class, Topics.CATALOG_DIRECTORY),
    MUNICIPALITY_UPDATED(MunicipalityUpdated.class, Topics.CATALOG_DIRECTORY),
    OPERATOR_REGISTERED(OperatorRegistered.class, Topics.CATALOG_DIRECTORY),
    OPERATOR_UPDATED(OperatorUpdated.class, Topics.CATALOG_DIRECTORY),

    SCALING_ROUND_OPENED(ScalingRoundOpened.class, Topics.CATALOG_ROUNDS),
    PLEDGE_MADE(PledgeMade.class, Topics.CATALOG_ROUNDS),
    PLEDGE_WITHDRAWN(PledgeWithdrawn.class, Topics.CATALOG_ROUNDS),
    SCALING_ROUND_CLOSED(ScalingRoundClosed.class, Topics.CATALOG_ROUNDS),

    LICENSE_REQUESTED(LicenseRequested.class, Topics.LICENSING_LICENSES),
    LICENSE_GRANTED(LicenseGranted.class, Topics.LICENSING_LICENSES),
    LICENSE_REJECTED(LicenseRejected.class, Topics.LICENSING_LICENSES),
    LICENSE_ACTIVATED(LicenseActivated.class, Topics.LICENSING_LICENSES),
    LICENSE_SUSPENDED(LicenseSuspended.class, Topics.LICENSING_LICENSES),
    LICENSE_RESUMED(LicenseResumed.class, Topics.LICENSING_LICENSES),
    LICENSE_TERMINATED(LicenseTerminated.class, Topics.LICENSING_LICENSES),
    LICENSE_CANCELLED(LicenseCancelled.class, Topics.LICENSING_LICENSES),
    LICENSE_ENDED(LicenseEnded.class, Topics.LICENSING_LICENSES),

    DEPLOYMENT_REQUESTED(DeploymentRequested.class, Topics.LICENSING_DEPLOYMENTS),
    DEPLOYMENT_ACCEPTED(DeploymentAccepted.class, Topics.LICENSING_DEPLOYMENTS),
    DEPLOYMENT_COMPLETED(DeploymentCompleted.class, Topics.LICENSING_DEPLOYMENTS),
    DEPLOYMENT_FAILED(DeploymentFailed.class, Topics.LICENSING_DEPLOYMENTS),
    DEPLOYMENT_CANCELLED(DeploymentCancelled.class, Topics.LICENSING_DEPLOYMENTS),

    INVOICE_ISSUED(InvoiceIssued.class, Topics.BILLING_INVOICES),
    CREDIT_NOTE_ISSUED(CreditNoteIssued.class, Topics.BILLING_INVOICES),
    PAYMENT_BOOKED(PaymentBooked.class, Topics.BILLING_INVOICES),
    INVOICE_OVERDUE(InvoiceOverdue.class, Topics.BILLING_INVOICES),
    BILLING_RUN_COMPLETED(BillingRunCompleted.class, Topics.BILLING_INVOICES);

    /**
     * The {@code $id} prefix of every schema of this module. A validator maps it to the classpath
     * folder {@code schemas/} (networknt: {@code mapPrefix(SCHEMA_ID_PREFIX, "classpath:schemas/")}),
     * so {@code $ref}s into {@code common.schema.json} resolve without a network.
     */
    public static final String SCHEMA_ID_PREFIX = "https://kommunalmarkt.de/schemas/";

    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));
    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));

    private final Class<? extends DomainEvent> recordClass;
    private final String topic;

    EventType(Class<? extends DomainEvent> recordClass, String topic) {
        this.recordClass = recordClass;
        this.topic = topic;
    }

    public String typeName() {
        return recordClass.getSimpleName();
    }

    public Class<? extends DomainEvent> recordClass() {
        return recordClass;
    }

    public String topic() {
        return topic;
    }

    /** The JSON Schema of this event, a classpath resource of this module. */
    public String schemaResource() {
        return "schemas/" + typeName() + ".schema.json";
    }

    /** The {@code $id} of this event's JSON Schema. */
    public String schemaId() {
        return SCHEMA_ID_PREFIX + typeName() + ".schema.json";
    }

    public static EventType of(Class<?> recordClass) {
        EventType type = BY_CLASS.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("not an event of the contract: " + recordClass.getName());
        }
        return type;
    }

    /** The event type for a {@code ce_type} header, or {@code null} if the contract does not know it. */
    public static EventType byName(String typeName) {
        return typeName == null ? null : BY_NAME.get(typeName);
    }
}
