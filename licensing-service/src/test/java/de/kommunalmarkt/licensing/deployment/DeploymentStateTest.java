package de.kommunalmarkt.licensing.deployment;

import static de.kommunalmarkt.licensing.deployment.DeploymentAction.ACCEPT;
import static de.kommunalmarkt.licensing.deployment.DeploymentAction.CANCEL;
import static de.kommunalmarkt.licensing.deployment.DeploymentAction.COMPLETE;
import static de.kommunalmarkt.licensing.deployment.DeploymentAction.FAIL;
import static de.kommunalmarkt.licensing.deployment.DeploymentAction.RELEASE;
import static de.kommunalmarkt.licensing.deployment.DeploymentState.ACCEPTED;
import static de.kommunalmarkt.licensing.deployment.DeploymentState.CANCELLED;
import static de.kommunalmarkt.licensing.deployment.DeploymentState.COMPLETED;
import static de.kommunalmarkt.licensing.deployment.DeploymentState.FAILED;
import static de.kommunalmarkt.licensing.deployment.DeploymentState.QUEUED;
import static de.kommunalmarkt.licensing.deployment.DeploymentState.REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.licensing.IllegalTransitionException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentStateTest {

    /** The deployment lifecycle of docs/DOMAIN.md ("Deployments") plus the queue and the cancellation of a cancelled licence. */
    static final Map<DeploymentState, Map<DeploymentAction, DeploymentState>> ALLOWED = Map.of(
            QUEUED, Map.of(RELEASE, REQUESTED, CANCEL, CANCELLED),
            REQUESTED, Map.of(ACCEPT, ACCEPTED, CANCEL, CANCELLED),
            ACCEPTED, Map.of(COMPLETE, COMPLETED, FAIL, FAILED, CANCEL, CANCELLED),
            COMPLETED, Map.of(),
            FAILED, Map.of(),
            CANCELLED, Map.of());

    static Stream<Arguments> allowed() {
        return ALLOWED.entrySet().stream().flatMap(e -> e.getValue().entrySet().stream()
                .map(t -> Arguments.of(e.getKey(), t.getKey(), t.getValue())));
    }

    static Stream<Arguments> forbidden() {
        return Arrays.stream(DeploymentState.values()).flatMap(state -> Arrays.stream(DeploymentAction.values())
                .filter(action -> !ALLOWED.get(state).containsKey(action))
                .map(action -> Arguments.of(state, action)));
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("allowed")
    void everyAllowedTransitionLeadsToItsState(DeploymentState from, DeploymentAction action, DeploymentState to) {
        assertThat(from.on(action)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} cannot {1}")
    @MethodSource("forbidden")
    void everyOtherTransitionIsRefusedNamingTheCurrentState(DeploymentState from, DeploymentAction action) {
        assertThatThrownBy(() -> from.on(action))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> assertThat(e.currentState()).isEqualTo(from));
    }

    @Test
    void theMatrixCoversEveryPairAndOnlyRequestedAndAcceptedHoldASlot() {
        assertThat(allowed().count() + forbidden().count())
                .isEqualTo((long) DeploymentState.values().length * DeploymentAction.values().length);
        assertThat(DeploymentState.HOLDING_SLOT).containsExactly(REQUESTED, ACCEPTED);
        assertThat(DeploymentState.OPEN).containsExactlyInAnyOrder(QUEUED, REQUESTED, ACCEPTED);
    }
}
