package de.kommunalmarkt.billing.run;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service restarted after the crash, as configured in production (it resumes unfinished runs on start-up). */
public class Run2RestartedProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("billing.run.batch-size", "1", "billing.run.resume-on-startup", "true");
    }
}
