package de.kommunalmarkt.billing.run;

import static de.kommunalmarkt.billing.run.InterruptedRunScenario.ADOPTERS;
import static de.kommunalmarkt.billing.run.InterruptedRunScenario.END;
import static de.kommunalmarkt.billing.run.InterruptedRunScenario.PERIOD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.BillingApi;
import de.kommunalmarkt.billing.ContractEvents;
import de.kommunalmarkt.billing.view.LicenseRepository;
import de.kommunalmarkt.billing.view.MunicipalityRepository;
import de.kommunalmarkt.events.MunicipalityUpdated;
import de.kommunalmarkt.events.PlanTerms;
import de.kommunalmarkt.events.PostalAddress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Part 1 of the crash proof: a run interrupted on purpose keeps the batches it committed and nothing else. Part 2: {@link BillingRun2ResumedTest}. */
@QuarkusTest
@TestProfile(Run1InterruptedProfile.class)
class BillingRun1InterruptedTest {

    @Inject
    ObjectMapper json;

    @Inject
    LicenseRepository licenses;

    @Inject
    MunicipalityRepository municipalities;

    @Test
    void aRunInterruptedHalfwayKeepsTheInvoicesItCommittedAndNothingElse() {
        ContractEvents events = new ContractEvents(json);
        PlanTerms flat = InterruptedRunScenario.flat();
        PlanTerms pool = InterruptedRunScenario.pool();
        List<UUID> granted = new ArrayList<>();
        for (InterruptedRunScenario.Adopter adopter : ADOPTERS) {
            events.municipality(adopter.ags(), "Gemeinde " + adopter.ags(), adopter.inhabitants());
            if (adopter.flatFrom() != null) {
                granted.add(events.activeLicense(adopter.ags(), "03241000", "abfall", flat, adopter.flatFrom(), END));
            }
            granted.add(events.activeLicense(adopter.ags(), "03241000", "winterdienst", pool, adopter.poolFrom(), END));
        }
        awaitView(granted, ADOPTERS.stream().map(InterruptedRunScenario.Adopter::ags).toList());

        String runId = BillingApi.startRun(PERIOD).getString("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> BillingApi.run(runId).getString("lastError") != null);

        JsonPath run = BillingApi.run(runId);
        assertThat(run.getString("state")).isEqualTo("RUNNING");
        assertThat(run.getString("lastError")).contains("interrupted on purpose");
        assertThat(run.getInt("progress.municipalitiesDone")).isEqualTo(2);
        assertThat(run.getInt("progress.municipalitiesTotal")).isEqualTo(5);
        assertThat(run.getInt("counts.invoicesIssued")).isEqualTo(2);
        assertThat(BillingApi.invoices(PERIOD)).extracting(i -> i.get("municipalityAgs"))
                .containsExactlyInAnyOrder("03101000", "03102000");

        // The world moves on before the service comes back; the run must not notice.
        events.send(new MunicipalityUpdated(InterruptedRunScenario.GROWING, "Gemeinde " + InterruptedRunScenario.GROWING,
                1_500_000, "05315000-KM001-20", new PostalAddress("Rathausplatz 1", "50667", "Anderswo", "DE"),
                "rechnung@" + InterruptedRunScenario.GROWING + ".example"));
        events.municipality(InterruptedRunScenario.LATECOMER, "Spätstarter", 20_000);
        UUID late = events.activeLicense(InterruptedRunScenario.LATECOMER, "03241000", "winterdienst", pool,
                LocalDate.parse("2025-05-01"), END);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                municipalities.findById(InterruptedRunScenario.GROWING).inhabitants == 1_500_000
                        && licenses.count("licenseId = ?1 and endsOn is not null", late) == 1
                        && municipalities.findById(InterruptedRunScenario.LATECOMER) != null));
        assertThat(BillingApi.run(runId).getString("state")).isEqualTo("RUNNING");
    }

    private void awaitView(List<UUID> granted, List<String> ags) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> licenses.count("licenseId in ?1 and endsOn is not null", granted) == granted.size()
                        && municipalities.count("ags in ?1", ags) == ags.size()));
    }
}
