package de.kommunalmarkt.licensing.license;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.LicenseCancelled;
import de.kommunalmarkt.events.LicenseEnded;
import de.kommunalmarkt.events.LicenseGranted;
import de.kommunalmarkt.events.LicenseRejected;
import de.kommunalmarkt.events.LicenseRequested;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.licensing.catalog.CatalogMunicipalityRepository;
import de.kommunalmarkt.licensing.catalog.EnumList;
import de.kommunalmarkt.licensing.deployment.DeploymentView;
import de.kommunalmarkt.licensing.deployment.LicensedSolution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/**
 * Between licences, their REST view, the licence events and what their deployments deploy; the frozen
 * terms are PlanTerms JSON.
 */
@ApplicationScoped
public class LicenseMapper {

    private final ObjectMapper json;
    private final CatalogMunicipalityRepository municipalities;

    public LicenseMapper(ObjectMapper json, CatalogMunicipalityRepository municipalities) {
        this.json = json;
        this.municipalities = municipalities;
    }

    /** The licence's terms; null only for a refused commitment whose plan is not a plan of the solution. */
    public PlanTerms terms(License license) {
        if (license.terms == null) {
            return null;
        }
        try {
            return json.readValue(license.terms, PlanTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored terms of licence " + license.id + " are unreadable", e);
        }
    }

    public LicenseView view(License l, LocalDate today, DeploymentView deployment, List<LicenseHistoryEntry> history) {
        List<LicenseView.HistoryEntry> steps = history == null ? null : history.stream()
                .map(h -> new LicenseView.HistoryEntry(h.fromState, h.toState, h.action, h.actor, h.detail, h.at)).toList();
        LicenseState state = l.stateOn(today);
        PlanTerms terms = terms(l);
        LocalDate earliestEnd = terms != null && l.endsOn == null && l.activatedOn != null
                && (state == LicenseState.ACTIVE || state == LicenseState.SUSPENDED)
                ? TerminationRule.earliestEndsOn(today, terms.noticePeriodDays(), l.activatedOn, terms.minimumTermMonths())
                : null;
        return new LicenseView(l.id, state, l.solutionId, l.solutionName, l.planId, l.operatorId,
                l.adopterAgs, nameOf(l.adopterAgs), l.providerAgs, nameOf(l.providerAgs), l.approvalPolicy, l.scalingRoundId, terms,
                l.requestedAt, l.grantedAt, l.rejectedAt, l.rejectionReason, l.cancelledAt, l.activatedOn,
                l.noticeGivenOn, l.endsOn, earliestEnd, l.suspendedOn, l.resumedOn, deployment, steps, l.version);
    }

    /** What the licence's deployments deploy: the solution, for the adopter, in the hosting modes as requested. */
    public LicensedSolution licensedSolution(License l) {
        return new LicensedSolution(l.id, l.solutionId, l.solutionName, l.adopterAgs, EnumList.split(l.hostingModes, HostingMode.class));
    }

    LicenseRequested requested(License l) {
        return new LicenseRequested(l.id.toString(), l.solutionId, l.planId, l.operatorId, l.adopterAgs, l.providerAgs, l.requestedAt);
    }

    LicenseGranted granted(License l) {
        return new LicenseGranted(l.id.toString(), l.solutionId, l.solutionName, l.planId, l.operatorId, l.adopterAgs,
                l.providerAgs, terms(l), l.grantedAt);
    }

    LicenseRejected rejected(License l) {
        return new LicenseRejected(l.id.toString(), l.solutionId, l.adopterAgs, l.providerAgs, l.rejectionReason, l.rejectedAt);
    }

    LicenseCancelled cancelled(License l) {
        return new LicenseCancelled(l.id.toString(), l.solutionId, l.adopterAgs, l.providerAgs, l.cancelledAt);
    }

    LicenseEnded ended(License l) {
        return new LicenseEnded(l.id.toString(), l.solutionId, l.adopterAgs, l.providerAgs, l.endsOn);
    }

    private String nameOf(String ags) {
        return municipalities.findByIdOptional(ags).map(m -> m.name).orElse(null);
    }
}
