package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.events.HostingMode;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One reference environment of a solution: a municipality where it already runs, by which operator, hosted how. */
@Embeddable
public class Installation {

    @Column(nullable = false)
    public String municipality;

    /** AGS of that municipality, when known. */
    public String ags;

    @Column(nullable = false)
    public String operator;

    @Enumerated(EnumType.STRING)
    @Column(name = "hosting_mode", nullable = false)
    public HostingMode hostingMode;

    public Installation() {
    }

    public Installation(String municipality, String ags, String operator, HostingMode hostingMode) {
        this.municipality = municipality;
        this.ags = ags;
        this.operator = operator;
        this.hostingMode = hostingMode;
    }
}
