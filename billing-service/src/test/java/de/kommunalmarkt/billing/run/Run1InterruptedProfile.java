package de.kommunalmarkt.billing.run;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service before the crash: each run fails after invoicing two municipalities, one per transaction (named to sort first). */
public class Run1InterruptedProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("billing.run.batch-size", "1", "billing.run.fail-after-municipalities", "2");
    }
}
