package de.kommunalmarkt.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.web.api.ApiProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillingAdminPageTest {

    @Test
    void aViolationOfASentLineIsShownAtThatPositionsField() {
        ApiProblem problem = new ApiProblem(422, "Request cannot be processed", null, List.of(
                new ApiProblem.Violation("lines[1].amount", "must not exceed 40.00"),
                new ApiProblem.Violation("lines", "must not be empty"),
                new ApiProblem.Violation("reason", "must not be blank"),
                new ApiProblem.Violation("lines[7].amount", "beyond what was sent")));
        ApiProblem shown = BillingAdminPage.byLine(problem, List.of("2", "5"));
        assertThat(shown.forField("amount-5")).isEqualTo("must not exceed 40.00");
        assertThat(shown.forField("amount-2")).isNull();
        assertThat(shown.forField("lines")).isEqualTo("must not be empty");
        assertThat(shown.forField("reason")).isEqualTo("must not be blank");
        assertThat(shown.forField("lines[7].amount")).isEqualTo("beyond what was sent");
        assertThat(shown.title()).isEqualTo(problem.title());
        assertThat(BillingAdminPage.byLine(null, List.of())).isNull();
    }

    @Test
    void theRunsDurationReadsInGerman() {
        assertThat(BillingAdminPage.duration(null)).isEqualTo("–");
        assertThat(BillingAdminPage.duration(4.25)).isEqualTo("4,3 Sekunden");
        assertThat(BillingAdminPage.duration(185.4)).isEqualTo("3 min 05 s");
        assertThat(BillingAdminPage.duration(3725)).isEqualTo("1 h 02 min 05 s");
    }

    @Test
    void aRunIsFinalOnlyWhenCompleted() {
        BillingAdminPage.Run running = new BillingAdminPage.Run(java.util.Map.of("state", "RUNNING",
                "progress", java.util.Map.of("municipalitiesDone", 2, "municipalitiesTotal", 5)), "–");
        assertThat(running.finished()).isFalse();
        assertThat(running.counted()).isTrue();
        assertThat(running.done()).isEqualTo(2);
        BillingAdminPage.Run done = new BillingAdminPage.Run(java.util.Map.of("state", "COMPLETED"), "–");
        assertThat(done.finished()).isTrue();
        assertThat(done.counted()).isFalse();
    }

    @Test
    void theStatementUploadsBodyProblemIsShownAtTheFileField() {
        ApiProblem problem = new ApiProblem(400, "Invalid request", "body: not camt", List.of(
                new ApiProblem.Violation("body", "not a readable camt.053 statement")));
        assertThat(BillingPaymentsPage.statementProblem(problem).forField("statement"))
                .isEqualTo("not a readable camt.053 statement");
    }
}
