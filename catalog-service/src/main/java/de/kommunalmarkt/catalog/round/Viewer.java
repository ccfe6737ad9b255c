package de.kommunalmarkt.catalog.round;

import java.util.Optional;

/**
 * Who reads a round, from the token: the municipality an adopter acts for (sees its own pledge), the
 * municipality a provider acts for (sees every pledge of its own rounds), a marketplace admin (sees every
 * pledge). Anonymous readers see the totals only.
 */
public record Viewer(Optional<String> adopterAgs, Optional<String> providerAgs, boolean admin) {

    public static final Viewer ANONYMOUS = new Viewer(Optional.empty(), Optional.empty(), false);

    /** Whether this viewer sees every pledge of the round. */
    boolean seesPledgesOf(ScalingRound round) {
        return admin || providerAgs.map(round.providerAgs::equals).orElse(false);
    }
}
