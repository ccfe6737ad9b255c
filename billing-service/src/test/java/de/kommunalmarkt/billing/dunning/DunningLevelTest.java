package de.kommunalmarkt.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/DOMAIN.md, section "Payments and dunning": +14 REMINDER, +28 FIRST_NOTICE, +42 FINAL_NOTICE; the highest level due when days were missed. */
class DunningLevelTest {

    static final DunningLevel.Thresholds DOMAIN = new DunningLevel.Thresholds(14, 28, 42);

    @Test
    void theLevelDueByDaysAfterTheDueDate() {
        assertThat(DOMAIN.due(0)).isEmpty();
        assertThat(DOMAIN.due(13)).isEmpty();
        assertThat(DOMAIN.due(14)).contains(DunningLevel.REMINDER);
        assertThat(DOMAIN.due(27)).contains(DunningLevel.REMINDER);
        assertThat(DOMAIN.due(28)).contains(DunningLevel.FIRST_NOTICE);
        assertThat(DOMAIN.due(41)).contains(DunningLevel.FIRST_NOTICE);
        assertThat(DOMAIN.due(42)).contains(DunningLevel.FINAL_NOTICE);
        assertThat(DOMAIN.due(400)).contains(DunningLevel.FINAL_NOTICE);
        assertThat(new DunningLevel.Thresholds(7, 21, 35).due(21)).isEqualTo(Optional.of(DunningLevel.FIRST_NOTICE));
    }

    @Test
    void ranksRiseWithEscalation() {
        assertThat(DunningLevel.REMINDER.rank()).isEqualTo(1);
        assertThat(DunningLevel.FIRST_NOTICE.rank()).isEqualTo(2);
        assertThat(DunningLevel.FINAL_NOTICE.rank()).isEqualTo(3);
    }

    @Test
    void thresholdsMustRiseWithTheLevel() {
        assertThatThrownBy(() -> new DunningLevel.Thresholds(14, 14, 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DunningLevel.Thresholds(0, 28, 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DunningLevel.Thresholds(14, 42, 28)).isInstanceOf(IllegalArgumentException.class);
    }
}
