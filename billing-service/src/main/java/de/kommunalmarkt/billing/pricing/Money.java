package de.kommunalmarkt.billing.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** The one rounding rule of billing (HALF_UP to the cent) and the checks every EUR amount passes. */
final class Money {

    static final int CENT_SCALE = 2;

    private Money() {
    }

    static BigDecimal roundToCent(BigDecimal amount) {
        return amount.setScale(CENT_SCALE, RoundingMode.HALF_UP);
    }

    /** round(amount × part / whole), rounding the exact quotient once. */
    static BigDecimal proRataToCent(BigDecimal amount, int part, int whole) {
        return amount.multiply(BigDecimal.valueOf(part)).divide(BigDecimal.valueOf(whole), CENT_SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(CENT_SCALE);
    }

    /** An amount ≥ 0 in whole cents, returned with scale 2 so that lines and sums print alike. */
    static BigDecimal requireCents(String name, BigDecimal amount) {
        Objects.requireNonNull(amount, name + " is required");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + amount);
        }
        if (amount.stripTrailingZeros().scale() > CENT_SCALE) {
            throw new IllegalArgumentException(name + " must be whole cents, got " + amount);
        }
        return amount.setScale(CENT_SCALE, RoundingMode.UNNECESSARY);
    }

    static BigDecimal requireNonNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name + " is required");
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }
}
