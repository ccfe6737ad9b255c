package de.kommunalmarkt.billing.run;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Runs re-price the twelve months before their period, as in production. The other test classes run with
 * corrections off (application.properties, %test), so that each bills exactly its own fixture whatever other
 * classes left in the shared database before it.
 */
public class CorrectionsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("billing.corrections.window-months", "12");
    }
}
