package de.kommunalmarkt.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A provider opened a scaling round for one of its solutions (topic {@code catalog.rounds}, key: round
 * id): the purposes summing to {@code target}, the closing date (the round closes at the end of that
 * day, Europe/Berlin), the minimum number of participating municipalities and the VAT of the
 * contributions (the rule of {@link VatCategory}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalingRoundOpened(
        String roundId,
        String solutionId,
        String solutionName,
        String providerAgs,
        List<RoundPurpose> purposes,
        BigDecimal target,
        String currency,
        LocalDate closesOn,
        int minParticipants,
        BigDecimal vatRate,
        String vatCategory,
        String vatExemptionReason,
        Instant openedAt) implements DomainEvent {

    public ScalingRoundOpened {
        purposes = purposes == null ? null : List.copyOf(purposes);
        target = target == null ? null : target.setScale(2);
    }

    @Override
    public String key() {
        return roundId;
    }
}
