package de.kommunalmarkt.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.web.api.ApiProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalPageTest {

    private static final ApiProblem CONFLICT = new ApiProblem(409, "Conflict", "decided", List.of());
    private static final ApiProblem BLANK = new ApiProblem(400, "Invalid request", null,
            List.of(new ApiProblem.Violation("reject.request.reason", "must not be blank")));

    @Test
    void aRefusalBelongsToItsRowOnlyWhileTheRowIsShown() {
        assertThat(new ApprovalPage.Refusal("a", null, CONFLICT, true).isFor("a")).isTrue();
        assertThat(new ApprovalPage.Refusal("a", null, CONFLICT, true).isFor("b")).isFalse();
        assertThat(new ApprovalPage.Refusal("a", null, CONFLICT, false).isFor("a")).isFalse();
        assertThat(ApprovalPage.Refusal.NONE.isFor("a")).isFalse();
    }

    @Test
    void aProblemOfTheReasonStandsAtTheFieldNotAboveTheRow() {
        assertThat(new ApprovalPage.Refusal("a", " ", BLANK, true).rowMessage()).isFalse();
        assertThat(new ApprovalPage.Refusal("a", null, CONFLICT, true).rowMessage()).isTrue();
    }
}
