package de.kommunalmarkt.billing.dunning;

import de.kommunalmarkt.billing.BillingConfig;
import java.util.Optional;

/** The dunning levels, friendly to public payers, in order of escalation (rank 1–3). */
public enum DunningLevel {
    /** Zahlungserinnerung. */
    REMINDER,
    /** 1. Mahnung. */
    FIRST_NOTICE,
    /** 2. Mahnung. */
    FINAL_NOTICE;

    public int rank() {
        return ordinal() + 1;
    }

    /** Days overdue from which each level is due, as configured; they must rise with the level. */
    public record Thresholds(int reminder, int firstNotice, int finalNotice) {

        public Thresholds {
            if (reminder < 1 || firstNotice <= reminder || finalNotice <= firstNotice) {
                throw new IllegalArgumentException("billing.dunning days must be at least 1 and rise with the level, got "
                        + reminder + ", " + firstNotice + ", " + finalNotice);
            }
        }

        public static Thresholds of(BillingConfig.Dunning config) {
            return new Thresholds(config.reminderDays(), config.firstNoticeDays(), config.finalNoticeDays());
        }

        /** The highest level due when an invoice is {@code daysOverdue} days past its due date, if any. */
        public Optional<DunningLevel> due(long daysOverdue) {
            if (daysOverdue >= finalNotice) {
                return Optional.of(FINAL_NOTICE);
            }
            if (daysOverdue >= firstNotice) {
                return Optional.of(FIRST_NOTICE);
            }
            return daysOverdue >= reminder ? Optional.of(REMINDER) : Optional.empty();
        }
    }
}
