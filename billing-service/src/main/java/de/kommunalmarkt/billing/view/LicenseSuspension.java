package de.kommunalmarkt.billing.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

/** Billing of a licence stops on {@code suspendedOn} until {@code resumedOn} (exclusive; null while suspended). */
@Entity
@Table(name = "license_suspension")
public class LicenseSuspension {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "license_id", nullable = false)
    public UUID licenseId;

    @Column(name = "suspended_on", nullable = false)
    public LocalDate suspendedOn;

    @Column(name = "resumed_on")
    public LocalDate resumedOn;
}
