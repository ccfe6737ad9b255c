package de.kommunalmarkt.events;

import java.math.BigDecimal;

/** One purpose of a scaling round and the amount it needs (the purposes of a round sum to its target). */
public record RoundPurpose(String purpose, BigDecimal amount) {

    public RoundPurpose {
        amount = amount == null ? null : amount.setScale(2);
    }
}
