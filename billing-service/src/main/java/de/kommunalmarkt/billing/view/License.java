package de.kommunalmarkt.billing.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A granted licence as billing needs it: its contract, adopter and billable dates. */
@Entity
@Table(name = "license")
public class License {

    @Id
    @Column(name = "license_id")
    public UUID licenseId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contract_id", nullable = false)
    public Contract contract;

    @Column(name = "adopter_ags", nullable = false)
    public String adopterAgs;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    /** Null until the deployment went live: only activated licences are billed. */
    @Column(name = "activated_on")
    public LocalDate activatedOn;

    /** The last active day once terminated. */
    @Column(name = "ends_on")
    public LocalDate endsOn;

    /** When the adopter cancelled the granted licence before its activation (LicenseCancelled); null otherwise. */
    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** When billing last learnt a fact that changes what the licence costs; re-pricing starts from it. */
    @Column(name = "facts_changed_at", nullable = false)
    public Instant factsChangedAt;
}
