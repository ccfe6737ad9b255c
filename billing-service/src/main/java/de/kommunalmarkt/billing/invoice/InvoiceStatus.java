package de.kommunalmarkt.billing.invoice;

/** Where an invoice stands with its payer (docs/DOMAIN.md, section "Payments and dunning"). */
public enum InvoiceStatus {
    /** Something is still to be paid. */
    OPEN,
    /** Payments, credit notes and offsets cover the gross exactly. */
    PAID,
    /** They exceed it: the excess is the municipality's credit balance. */
    OVERPAID
}
