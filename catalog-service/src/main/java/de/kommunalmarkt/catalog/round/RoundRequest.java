package de.kommunalmarkt.catalog.round;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a provider sends to open a scaling round for one of its published solutions: the purposes with
 * their amounts (summing exactly to {@code target}), the last day pledges are taken, the minimum number
 * of participating municipalities and the VAT of the contributions. The limits of every value are
 * {@link RoundRules#opening}; a refusal is 422 naming the field.
 */
public record RoundRequest(
        List<PurposeRequest> purposes,
        BigDecimal target,
        LocalDate closesOn,
        Integer minParticipants,
        String vatCategory,
        BigDecimal vatRate,
        String vatExemptionReason) {

    /** One purpose of the money (further development, a bigger team, infrastructure, marketing ...) and its amount. */
    public record PurposeRequest(String purpose, BigDecimal amount) {
    }
}
