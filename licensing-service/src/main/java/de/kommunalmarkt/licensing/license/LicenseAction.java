package de.kommunalmarkt.licensing.license;

/** What can happen to a licence after it was requested (docs/DOMAIN.md, section "Licence lifecycle"). */
public enum LicenseAction {
    /** The provider (or AUTO approval) grants the request. */
    APPROVE,
    /** The provider refuses the request. */
    REJECT,
    /** The adopter withdraws a granted licence before it was activated. */
    CANCEL,
    /** The deployment went live. */
    ACTIVATE,
    /** The adopter asks for a deployment again after one failed. */
    REDEPLOY,
    /** A marketplace admin stops billing. */
    SUSPEND,
    /** A marketplace admin restarts billing. */
    RESUME,
    /** The adopter gives notice with an end date; the licence goes on until then. */
    TERMINATE,
    /** The end date has passed. */
    END
}
