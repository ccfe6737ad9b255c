package de.kommunalmarkt.common.outbox;

import de.kommunalmarkt.common.CommonTestProfile;
import java.util.Map;

/** The service before the crash: events are committed, but no relay runs (named so it sorts first). */
public class Outbox1StoppedRelayProfile extends CommonTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kommunalmarkt.outbox.enabled", "false");
    }
}
