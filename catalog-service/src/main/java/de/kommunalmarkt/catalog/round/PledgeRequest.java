package de.kommunalmarkt.catalog.round;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A municipality's pledge: a one-off {@code contribution} in EUR (omitted: 0) and/or a commitment to
 * license the plan {@code commitPlanId} of the round's solution once the round succeeds, run by the
 * operator {@code commitOperatorId} (a licence always needs one; both or neither). The rules are
 * {@link RoundRules#pledge} and the service's checks of plan and operator; a refusal is 422 naming the field.
 */
public record PledgeRequest(BigDecimal contribution, UUID commitPlanId, String commitOperatorId) {

    public boolean commits() {
        return commitPlanId != null || commitOperatorId != null;
    }
}
