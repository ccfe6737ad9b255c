package de.kommunalmarkt.licensing.deployment;

/** What happens to a deployment. */
public enum DeploymentAction {
    /** A slot of the operator is free: the queued deployment is requested from the operator. */
    RELEASE,
    ACCEPT,
    COMPLETE,
    FAIL,
    /** The licence was cancelled before the deployment went live. */
    CANCEL
}
