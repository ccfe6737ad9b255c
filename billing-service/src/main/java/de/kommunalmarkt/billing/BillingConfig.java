package de.kommunalmarkt.billing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    /** The marketplace's operating body, the seller on every invoice (EN 16931 BG-4, BG-6, BG-17). */
    Seller seller();

    /** Days from the issue date to the due date. */
    @WithDefault("30")
    int paymentTermsDays();

    /** Share of a provider's net revenue the platform keeps, applied to the statement's total. */
    @WithDefault("0.05")
    BigDecimal platformFeeRate();

    Run run();

    Corrections corrections();

    Retention retention();

    Schedule schedule();

    Dunning dunning();

    Reconciliation reconciliation();

    interface Seller {
        String name();

        String street();

        String postalCode();

        String city();

        /** ISO 3166-1 alpha-2. */
        @WithDefault("DE")
        String countryCode();

        /** Umsatzsteuer-Identifikationsnummer (BT-31). */
        String vatId();

        /** Steuernummer (BT-32), named instead of the VAT id on documents not subject to VAT (category O). */
        String taxNumber();

        /** The seller's identifier (BT-29), e.g. its register number; EN 16931 wants it where the VAT id is absent. */
        String id();

        /** Account the buyers pay to by SEPA credit transfer (BT-84). */
        String iban();

        Optional<String> bic();

        /** Seller contact (BT-41..43), mandatory in XRechnung. */
        String contactName();

        String contactPhone();

        String email();
    }

    interface Run {

        /** Municipalities invoiced per transaction. */
        @WithDefault("500")
        int batchSize();

        /** Resume runs left RUNNING by a crashed instance when this one starts. */
        @WithDefault("true")
        boolean resumeOnStartup();

        /**
         * Test hook: the execution fails (and rolls back its current batch) once it would have invoiced
         * more than this many municipalities; proves that an interrupted run resumes correctly.
         */
        OptionalInt failAfterMunicipalities();
    }

    interface Corrections {

        /**
         * How many months before its own period a run re-prices (docs/DOMAIN.md, section "Late facts and corrections");
         * 0 turns corrections off.
         */
        @WithDefault("12")
        int windowMonths();
    }

    /** How long run snapshots are kept (billing-service README, "Snapshot retention"). */
    interface Retention {

        /**
         * A completed run's snapshot is dropped once its period lies more than this many months before the current
         * month; at least {@code billing.corrections.window-months} + 1, so that every run finds the snapshots of its
         * correction window.
         */
        @WithDefault("13")
        int keepMonths();

        /** Quartz cron in the marketplace's zone ({@code kommunalmarkt.time.zone}) of the daily retention job; "off" disables it. */
        @WithDefault("0 30 3 * * ?")
        String cron();
    }

    interface Schedule {

        /** Quartz cron in the marketplace's zone ({@code kommunalmarkt.time.zone}) for the monthly run of the previous month; "off" disables it. */
        @WithDefault("0 0 2 1 * ?")
        String cron();
    }

    /** Dunning, counted in days after an invoice's due date (docs/DOMAIN.md, section "Payments and dunning"). */
    interface Dunning {

        /** Days overdue from which a Zahlungserinnerung (REMINDER) is raised. */
        @WithDefault("14")
        int reminderDays();

        /** Days overdue from which the 1. Mahnung (FIRST_NOTICE) is raised. */
        @WithDefault("28")
        int firstNoticeDays();

        /** Days overdue from which the 2. Mahnung (FINAL_NOTICE) is raised. */
        @WithDefault("42")
        int finalNoticeDays();

        /** Quartz cron in the marketplace's zone ({@code kommunalmarkt.time.zone}) of the daily dunning job; "off" disables it. */
        @WithDefault("0 0 6 * * ?")
        String cron();
    }

    interface Reconciliation {

        /** How often billing's view is reconciled with licensing's events for the gauge; "off" disables it. */
        @WithDefault("5m")
        String every();

        /** How long one reconciliation may take to read licensing's events before it gives up. */
        @WithDefault("2m")
        Duration readTimeout();
    }
}
