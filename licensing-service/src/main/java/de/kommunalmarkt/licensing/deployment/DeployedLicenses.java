package de.kommunalmarkt.licensing.deployment;

import de.kommunalmarkt.licensing.FactDates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The licences the deployments are for, as far as the deployments need them. The licence lifecycle's
 * owner (package {@code license}) implements it: deployments read a licence's facts through it and
 * signal it when a deployment went live, but never change a licence nor publish a licence event
 * themselves. All methods run in the caller's transaction.
 */
public interface DeployedLicenses {

    /** What the licence's deployments deploy. */
    LicensedSolution solution(UUID licenseId);

    /** The same for several licences at once (a page of deployments), by licence id. */
    Map<UUID, LicensedSolution> solutions(Collection<UUID> licenseIds);

    /** The days on which the licence's deployment may go live (its activation date), as of {@code today}. */
    FactDates goLiveDates(UUID licenseId, LocalDate today);

    /**
     * The licence's deployment {@code deploymentId} went live on {@code liveOn}, a day within
     * {@link #goLiveDates}: the licence is activated (ACTIVE, LicenseActivated in the outbox).
     */
    void wentLive(UUID licenseId, UUID deploymentId, LocalDate liveOn, LocalDate today, String actor, Instant at);
}
