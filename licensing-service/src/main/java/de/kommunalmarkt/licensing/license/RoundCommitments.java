package de.kommunalmarkt.licensing.license;

import de.kommunalmarkt.common.inbox.EventConsumer;
import de.kommunalmarkt.common.inbox.IdempotentConsumer;
import de.kommunalmarkt.common.inbox.PoisonEventException;
import de.kommunalmarkt.common.inbox.ReceivedEvent;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.Ags;
import de.kommunalmarkt.events.EventType;
import de.kommunalmarkt.events.OperatorId;
import de.kommunalmarkt.events.RoundOutcome;
import de.kommunalmarkt.events.RoundPledge;
import de.kommunalmarkt.events.ScalingRoundClosed;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns the commitments of a scaling round that succeeded into licences ({@code catalog.rounds},
 * {@code ScalingRoundClosed}): each pledge that commits to a plan becomes a licence request of the
 * pledging municipality for that plan, run by the operator it named, approved automatically
 * ({@link LicenseService#requestCommitted}); one that a rule of a licence request refuses becomes a
 * request rejected at once, with the reason. A failed round, a pledge without a commitment and the
 * round's other events ({@code ScalingRoundOpened}, {@code PledgeMade}, {@code PledgeWithdrawn}) change
 * nothing.
 *
 * <p>Exactly once per round and municipality, however often and on however many instances the close
 * is delivered or replayed (a new {@code ce_id} included): the inbox's transaction holds the round's lock
 * while each commitment is recorded in a transaction of its own, and a commitment recorded before is
 * skipped (unique index on the licence's round and adopter). A failure after some commitments were
 * recorded leaves them recorded; the close is applied again (inbox retry, replay) and does the rest. The
 * commitments are taken in the order of their operators, then of their pledges, so the queue of an
 * operator at capacity follows the pledges' order.
 *
 * <p>A close that breaks the contract (no round id, an AGS that is none, a plan without an operator, an
 * id of the wrong form) ends in {@code catalog.rounds.dlq}; an unknown plan or operator of the right
 * form is a refusal, recorded.
 */
@ApplicationScoped
public class RoundCommitments implements EventConsumer {

    static final String CONSUMER = "licensing-round-commitments";
    private static final Logger LOG = Logger.getLogger(RoundCommitments.class);
    private static final Comparator<RoundCommitmentInOrder> OPERATOR_ORDER = Comparator
            .comparing((RoundCommitmentInOrder c) -> c.commitment().operatorId())
            .thenComparing(RoundCommitmentInOrder::pledgedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(c -> c.commitment().adopterAgs());

    private final IdempotentConsumer inbox;
    private final LicenseService service;
    private final LicenseRepository licenses;

    public RoundCommitments(IdempotentConsumer inbox, LicenseService service, LicenseRepository licenses) {
        this.inbox = inbox;
        this.service = service;
        this.licenses = licenses;
    }

    @Override
    public Map<String, Consumer<ReceivedEvent>> effects() {
        return Map.of(CONSUMER, this::apply);
    }

    @Incoming("rounds")
    @Blocking
    public void onRoundEvent(ConsumerRecord<String, String> record) {
        inbox.apply(CONSUMER, record);
    }

    void apply(ReceivedEvent event) {
        if (event.type() != EventType.SCALING_ROUND_CLOSED) {
            LOG.debugf("Ignoring %s on catalog.rounds", event.type().typeName());
            return;
        }
        ScalingRoundClosed round = event.as(ScalingRoundClosed.class);
        UUID roundId = roundId(round);
        if (round.outcome() != RoundOutcome.SUCCEEDED) {
            LOG.infof("Scaling round %s closed %s: no licences", roundId, round.outcome());
            return;
        }
        List<RoundCommitment> commitments = commitments(roundId, round);
        if (commitments.isEmpty()) {
            LOG.infof("Scaling round %s succeeded without commitments: no licences", roundId);
            return;
        }
        licenses.lockRound(roundId);
        Map<LicenseState, Integer> recorded = new EnumMap<>(LicenseState.class);
        int before = 0;
        for (RoundCommitment commitment : commitments) {
            Optional<LicenseState> state;
            try {
                state = service.requestCommitted(commitment);
            } catch (ProblemException raced) {
                // a parallel request of the municipality won the race for its one open licence (409, this
                // commitment rolled back): asked again, the rules see that licence and record the refusal
                LOG.infof("Commitment of %s in scaling round %s raced a request of its own: %s", commitment.adopterAgs(), roundId,
                        raced.getMessage());
                state = service.requestCommitted(commitment);
            }
            if (state.isPresent()) {
                recorded.merge(state.get(), 1, Integer::sum);
            } else {
                before++;
            }
        }
        LOG.infof("Scaling round %s succeeded: %d commitments of solution %s recorded %s, %d recorded before", roundId,
                commitments.size(), round.solutionId(), recorded, before);
    }

    private static UUID roundId(ScalingRoundClosed round) {
        try {
            return UUID.fromString(round.roundId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("ScalingRoundClosed without a round id: " + round.roundId());
        }
    }

    /** The round's commitments in the order of their operators, then of their pledges. */
    private static List<RoundCommitment> commitments(UUID roundId, ScalingRoundClosed round) {
        if (!isUuid(round.solutionId())) {
            throw new PoisonEventException("ScalingRoundClosed " + roundId + " names no solution: " + round.solutionId());
        }
        return round.pledges().stream()
                .filter(pledge -> isCommitment(roundId, pledge))
                .map(pledge -> new RoundCommitmentInOrder(new RoundCommitment(roundId, round.solutionId(), round.solutionName(),
                        round.providerAgs(), pledge.municipalityAgs(), pledge.commitPlanId(), pledge.commitOperatorId()),
                        pledge.pledgedAt()))
                .sorted(OPERATOR_ORDER)
                .map(RoundCommitmentInOrder::commitment)
                .toList();
    }

    private static boolean isCommitment(UUID roundId, RoundPledge pledge) {
        if (!Ags.isValid(pledge.municipalityAgs())) {
            throw new PoisonEventException("a pledge in scaling round " + roundId + " names no municipality: " + pledge.municipalityAgs());
        }
        if ((pledge.commitPlanId() == null) != (pledge.commitOperatorId() == null)) {
            throw new PoisonEventException("the pledge of " + pledge.municipalityAgs() + " in scaling round " + roundId
                    + " has a commitPlanId or a commitOperatorId without the other");
        }
        if (pledge.commitPlanId() != null && (!isUuid(pledge.commitPlanId()) || !OperatorId.isValid(pledge.commitOperatorId()))) {
            throw new PoisonEventException("the commitment of " + pledge.municipalityAgs() + " in scaling round " + roundId
                    + " names no plan or no operator: " + pledge.commitPlanId() + ", " + pledge.commitOperatorId());
        }
        return pledge.commitPlanId() != null;
    }

    private static boolean isUuid(String value) {
        try {
            return value != null && UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record RoundCommitmentInOrder(RoundCommitment commitment, Instant pledgedAt) {
    }
}
