package de.kommunalmarkt.catalog.round;

import java.math.BigDecimal;
import java.util.Collection;

/** The pledges of a round counted: the contributions' sum and how many municipalities pledged. */
public record Tally(BigDecimal pledgedTotal, int participants) {

    public static final Tally NONE = new Tally(RoundMapper.money(BigDecimal.ZERO), 0);

    public static Tally of(Collection<Pledge> pledges) {
        BigDecimal total = pledges.stream().map(p -> p.contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Tally(RoundMapper.money(total), pledges.size());
    }
}
