package de.kommunalmarkt.billing.pricing;

/** What an invoice line charges for. */
public enum LineKind {
    /** Use of the solution in the period, pro rata by billable days (or the cost-sharing share). */
    USAGE,
    /** The one-time setup fee, charged in full in the period containing the activation date. */
    SETUP_FEE,
    /**
     * A municipality's one-off contribution to a succeeded scaling round ("Skalierungsbeitrag"): no licence, no
     * price model, one piece; billed once on the pledger's next invoice and never re-priced or corrected by a run.
     */
    CONTRIBUTION
}
