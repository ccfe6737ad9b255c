package de.kommunalmarkt.licensing.license;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step of a licence's life: from which state to which, by what, by whom, when. */
@Entity
@Table(name = "license_history")
public class LicenseHistoryEntry {

    /** The action recorded when a licence is created. */
    public static final String REQUEST = "REQUEST";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "license_id", nullable = false)
    public UUID licenseId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public LicenseState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false)
    public LicenseState toState;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String actor;

    @Column
    public String detail;

    @Column(nullable = false)
    public Instant at;
}
