package de.kommunalmarkt.licensing.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An operator's webhook: where its deployment events are POSTed and the secret they are signed with. */
@Entity
@Table(name = "operator_webhook")
public class OperatorWebhook {

    @Id
    @Column(name = "operator_id")
    public String operatorId;

    @Column(nullable = false)
    public String url;

    /** {@code whsec_...}: needed in clear to sign; shown to the operator once, when it is made. */
    @Column(nullable = false)
    public String secret;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;
}
