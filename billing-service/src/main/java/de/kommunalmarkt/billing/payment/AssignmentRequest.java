package de.kommunalmarkt.billing.payment;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Books an unmatched bank entry as a payment of the invoice. */
public record AssignmentRequest(@NotNull(message = "is required") UUID invoiceId) {
}
