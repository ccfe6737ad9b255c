package de.kommunalmarkt.billing.run;

/**
 * Where a billing run stands: the {@code state} column of {@code billing_run}, written by the engine
 * ({@link RunRecord}) and read through the entity {@link BillingRun}.
 */
public enum BillingRunState {
    /** Opened: to be executed, or resumed after the last municipality done, until the period is invoiced. */
    RUNNING,
    /** Every invoice of the period issued; the run is never executed again. */
    COMPLETED
}
