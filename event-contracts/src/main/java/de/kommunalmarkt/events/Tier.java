package de.kommunalmarkt.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

/**
 * One step of a {@link PriceModel#TIERED} plan: the fee for municipalities with fewer than
 * {@code upTo} inhabitants ({@code upTo} exclusive). The last tier has no {@code upTo}; it is then
 * left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tier(Long upTo, BigDecimal monthlyFee) {
}
