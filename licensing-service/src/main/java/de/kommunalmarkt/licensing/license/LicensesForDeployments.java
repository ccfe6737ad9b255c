package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.licensing.FactDates;
import de.kommunalmarkt.licensing.deployment.DeployedLicenses;
import de.kommunalmarkt.licensing.deployment.LicensedSolution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The licences as the deployments see them: their facts, and the activation when a deployment went
 * live, which the deployments signal here and {@link LicenseLifecycle} carries out. The dependency goes
 * one way: {@code license} uses {@code deployment}, which knows licences only through
 * {@link DeployedLicenses}.
 */
@ApplicationScoped
public class LicensesForDeployments implements DeployedLicenses {

    private final LicenseRepository licenses;
    private final LicenseLifecycle lifecycle;
    private final LicenseMapper mapper;

    public LicensesForDeployments(LicenseRepository licenses, LicenseLifecycle lifecycle, LicenseMapper mapper) {
        this.licenses = licenses;
        this.lifecycle = lifecycle;
        this.mapper = mapper;
    }

    @Override
    public LicensedSolution solution(UUID licenseId) {
        return mapper.licensedSolution(licenses.findById(licenseId));
    }

    @Override
    public Map<UUID, LicensedSolution> solutions(Collection<UUID> licenseIds) {
        return licenses.list("id in ?1", licenseIds).stream().map(mapper::licensedSolution)
                .collect(Collectors.toMap(LicensedSolution::licenseId, Function.identity()));
    }

    @Override
    public FactDates goLiveDates(UUID licenseId, LocalDate today) {
        return lifecycle.activationDates(licenses.findById(licenseId), today);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void wentLive(UUID licenseId, UUID deploymentId, LocalDate liveOn, LocalDate today, String actor, Instant at) {
        lifecycle.activate(licenses.findById(licenseId), deploymentId, liveOn, today, actor, at);
    }
}
