package de.kommunalmarkt.billing.payment;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A payment as a billing admin books it; {@code paidOn} must not be in the future (checked against billing's clock). */
public record PaymentRequest(
        @NotNull(message = "is required")
        @DecimalMin(value = "0.01", message = "must be at least 0.01")
        @Digits(integer = 12, fraction = 2, message = "must be an amount in EUR with at most 2 decimals")
        BigDecimal amount,
        @NotNull(message = "is required")
        LocalDate paidOn,
        @NotBlank(message = "is required")
        @Size(max = 140, message = "must be at most 140 characters")
        String reference) {
}
