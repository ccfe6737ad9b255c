package de.kommunalmarkt.common.outbox;

import de.kommunalmarkt.common.CommonTestProfile;
import java.util.Map;

/** The relay polls only once an hour: whatever arrives sooner was sent because a commit woke the relay. */
public class OutboxNoPollProfile extends CommonTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kommunalmarkt.outbox.poll-interval", "1h");
    }
}
