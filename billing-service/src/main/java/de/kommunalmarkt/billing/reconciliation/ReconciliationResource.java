package de.kommunalmarkt.billing.reconciliation;

import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.problem.ProblemType;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BILLING_ADMIN)
@Tag(name = "Reconciliation")
public class ReconciliationResource {

    private final Reconciliation reconciliation;

    public ReconciliationResource(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** Billing's licences and their states against licensing's events: counts and the differing licences. */
    @GET
    public ReconciliationReport get() {
        try {
            return reconciliation.reconcile();
        } catch (KafkaException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "licensing's events cannot be read now: " + e.getMessage(), null);
        }
    }
}
