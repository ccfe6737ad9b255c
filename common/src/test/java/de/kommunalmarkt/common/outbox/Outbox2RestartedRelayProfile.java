package de.kommunalmarkt.common.outbox;

import de.kommunalmarkt.common.CommonTestProfile;
import java.util.Map;

/** The same service restarted, with its relay on again, on the same database. */
public class Outbox2RestartedRelayProfile extends CommonTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kommunalmarkt.outbox.enabled", "true");
    }
}
