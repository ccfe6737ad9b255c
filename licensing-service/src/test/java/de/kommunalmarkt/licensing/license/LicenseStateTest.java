package de.kommunalmarkt.licensing.license;

import static de.kommunalmarkt.licensing.license.LicenseAction.ACTIVATE;
import static de.kommunalmarkt.licensing.license.LicenseAction.APPROVE;
import static de.kommunalmarkt.licensing.license.LicenseAction.CANCEL;
import static de.kommunalmarkt.licensing.license.LicenseAction.END;
import static de.kommunalmarkt.licensing.license.LicenseAction.REDEPLOY;
import static de.kommunalmarkt.licensing.license.LicenseAction.REJECT;
import static de.kommunalmarkt.licensing.license.LicenseAction.RESUME;
import static de.kommunalmarkt.licensing.license.LicenseAction.SUSPEND;
import static de.kommunalmarkt.licensing.license.LicenseAction.TERMINATE;
import static de.kommunalmarkt.licensing.license.LicenseState.ACTIVE;
import static de.kommunalmarkt.licensing.license.LicenseState.CANCELLED;
import static de.kommunalmarkt.licensing.license.LicenseState.GRANTED;
import static de.kommunalmarkt.licensing.license.LicenseState.REJECTED;
import static de.kommunalmarkt.licensing.license.LicenseState.REQUESTED;
import static de.kommunalmarkt.licensing.license.LicenseState.SUSPENDED;
import static de.kommunalmarkt.licensing.license.LicenseState.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.licensing.IllegalTransitionException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LicenseStateTest {

    /** The licence lifecycle of docs/DOMAIN.md ("Licence lifecycle"): every allowed transition and where it leads. */
    static final Map<LicenseState, Map<LicenseAction, LicenseState>> ALLOWED = Map.of(
            REQUESTED, Map.of(APPROVE, GRANTED, REJECT, REJECTED),
            GRANTED, Map.of(ACTIVATE, ACTIVE, CANCEL, CANCELLED, REDEPLOY, GRANTED),
            ACTIVE, Map.of(SUSPEND, SUSPENDED, TERMINATE, ACTIVE, END, TERMINATED),
            SUSPENDED, Map.of(RESUME, ACTIVE, TERMINATE, SUSPENDED, END, TERMINATED),
            REJECTED, Map.of(),
            CANCELLED, Map.of(),
            TERMINATED, Map.of());

    static Stream<Arguments> allowed() {
        return ALLOWED.entrySet().stream().flatMap(e -> e.getValue().entrySet().stream()
                .map(t -> Arguments.of(e.getKey(), t.getKey(), t.getValue())));
    }

    static Stream<Arguments> forbidden() {
        return Arrays.stream(LicenseState.values()).flatMap(state -> Arrays.stream(LicenseAction.values())
                .filter(action -> !ALLOWED.get(state).containsKey(action))
                .map(action -> Arguments.of(state, action)));
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("allowed")
    void everyAllowedTransitionLeadsToItsState(LicenseState from, LicenseAction action, LicenseState to) {
        assertThat(from.on(action)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} cannot {1}")
    @MethodSource("forbidden")
    void everyOtherTransitionIsRefusedNamingTheCurrentState(LicenseState from, LicenseAction action) {
        assertThatThrownBy(() -> from.on(action))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.currentState()).isEqualTo(from);
                    assertThat(e.action()).isEqualTo(action);
                });
    }

    @Test
    void theMatrixCoversEveryStateAndActionPair() {
        long pairs = allowed().count() + forbidden().count();
        assertThat(pairs).isEqualTo((long) LicenseState.values().length * LicenseAction.values().length);
        assertThat(allowed().count()).isEqualTo(11);
    }

    @Test
    void onlyRejectedCancelledAndTerminatedAreClosed() {
        assertThat(LicenseState.CLOSED).containsExactlyInAnyOrder(REJECTED, CANCELLED, TERMINATED);
    }

    @Test
    void aLicenceIsTerminatedFromTheDayAfterItsEndDate() {
        License license = new License();
        license.state = ACTIVE;
        license.endsOn = LocalDate.of(2027, 3, 31);
        assertThat(license.stateOn(LocalDate.of(2027, 3, 31))).isEqualTo(ACTIVE);
        assertThat(license.stateOn(LocalDate.of(2027, 4, 1))).isEqualTo(TERMINATED);
        license.state = SUSPENDED;
        assertThat(license.stateOn(LocalDate.of(2027, 3, 31))).isEqualTo(SUSPENDED);
        assertThat(license.stateOn(LocalDate.of(2027, 4, 1))).isEqualTo(TERMINATED);
        license.endsOn = null;
        assertThat(license.stateOn(LocalDate.of(2099, 1, 1))).isEqualTo(SUSPENDED);
    }
}
