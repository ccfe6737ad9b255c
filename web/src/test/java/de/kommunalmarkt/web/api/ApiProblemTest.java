package de.kommunalmarkt.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiProblemTest {

    @Test
    void aProblemBodyGivesTitleDetailAndAMessagePerField() {
        Object body = Json.wrap(Map.of("title", "Unprocessable", "detail", "planId unknown",
                "violations", List.of(Map.of("field", "request.planId", "message", "is not a plan of this solution"),
                        Map.of("field", "reason", "message", "must not be blank"))));
        ApiProblem problem = ApiProblem.of(422, body);
        assertThat(problem.title()).isEqualTo("Die Angaben erfüllen die Regeln nicht");
        assertThat(problem.detail()).isEqualTo("planId unknown");
        assertThat(problem.forField("planId")).isEqualTo("is not a plan of this solution");
        assertThat(problem.forField("reason")).isEqualTo("must not be blank");
        assertThat(problem.forField("operatorId")).isNull();
        assertThat(problem.unplaced(List.of("planId"))).extracting(ApiProblem.Violation::field).containsExactly("reason");
    }

    @Test
    void aBodyThatIsNoProblemStillGivesAGermanTitle() {
        assertThat(ApiProblem.of(503, "<html>Bad Gateway</html>").title()).isEqualTo("Der Dienst ist gerade nicht erreichbar");
        assertThat(ApiProblem.of(403, null).title()).isEqualTo("Dafür fehlt Ihnen die Berechtigung");
        assertThat(ApiProblem.of(418, null).title()).contains("418");
    }

    @Test
    void absentFieldsOfAJsonObjectReadAsNull() {
        Json json = (Json) Json.wrap(Map.of("a", Map.of("b", 1)));
        assertThat(json.containsKey("missing")).isTrue();
        assertThat(json.get("missing")).isNull();
        assertThat(((Json) json.get("a")).get("b")).isEqualTo(1);
    }

    @Test
    void pathsLeaveOutBlankValuesAndEncodeTheRest() {
        assertThat(Api.path("/api/solutions", "q", "Bürger & Co", "category", "", "page", 0, "x", null))
                .isEqualTo("/api/solutions?q=B%C3%BCrger+%26+Co&page=0");
        assertThat(Api.seg("a b/c")).isEqualTo("a%20b%2Fc");
    }
}
