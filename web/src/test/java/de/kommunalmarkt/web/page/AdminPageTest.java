package de.kommunalmarkt.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.web.api.ApiProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminPageTest {

    @Test
    void wholeNumbersAsPeopleWriteThem() {
        assertThat(AdminPage.wholeNumber("1.084.831")).isEqualTo(1_084_831L);
        assertThat(AdminPage.wholeNumber(" 1 084 831 ")).isEqualTo(1_084_831L);
        assertThat(AdminPage.wholeNumber("")).isNull();
        assertThat(AdminPage.wholeNumber(null)).isNull();
        assertThatThrownBy(() -> AdminPage.wholeNumber("12,5")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> AdminPage.wholeNumber("viele")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void aViolationOfAListElementIsShownAtTheList() {
        ApiProblem problem = new ApiProblem(400, "Invalid request", null, List.of(
                new ApiProblem.Violation("statesServed[3]", "must be a two-digit state code 01–16"),
                new ApiProblem.Violation("capacity", "must be at least 1")));
        ApiProblem shown = AdminPage.listFields(problem);
        assertThat(shown.forField("statesServed")).isEqualTo("must be a two-digit state code 01–16");
        assertThat(shown.forField("capacity")).isEqualTo("must be at least 1");
    }

    @Test
    void theDirectoryFormsTakeTheApisValues() {
        AdminPage.MunicipalityForm form = AdminPage.MunicipalityForm.of(new java.util.LinkedHashMap<>(java.util.Map.of(
                "ags", "05315000", "name", "Köln", "inhabitants", 1084831, "billingAddress",
                java.util.Map.of("street", "Willy-Brandt-Platz 2", "postalCode", "50679", "city", "Köln", "countryCode", "DE"))));
        assertThat(form.inhabitants()).isEqualTo("1084831");
        assertThat(form.postalCode()).isEqualTo("50679");
        assertThat(form.leitwegId()).isNull();
        AdminPage.OperatorForm operator = AdminPage.OperatorForm.of(java.util.Map.of("id", "komm-one", "statesServed",
                List.of("08"), "capacity", 20));
        assertThat(operator.serves("08")).isTrue();
        assertThat(operator.serves("09")).isFalse();
        assertThat(operator.capacity()).isEqualTo("20");
    }
}
