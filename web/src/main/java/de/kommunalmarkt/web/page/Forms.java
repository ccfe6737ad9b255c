package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.ApiProblem;
import de.kommunalmarkt.web.api.ApiResult;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

/** What every form handler does: redirect after success, show the page again with the problem after a refusal. */
public final class Forms {

    private Forms() {
    }

    /** 303 to a page (POST-redirect-GET), with a message code the page shows (never user text in a URL). */
    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /** The form page again, with the API's status (422, 409, 403...) and its problem beside the fields. */
    public static Response again(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }

    /**
     * A list page after the API answered its filter: 200; 400 when the API refused the filter (the page shows the
     * problem beside it); 503 when the service is unavailable.
     */
    public static Response filtered(ApiResult found, TemplateInstance page) {
        return again(found.ok() ? 200 : found.status() == 503 ? 503 : 400, page);
    }

    /** A problem of the form itself (a field that is no number), before any API is asked. */
    public static ApiProblem invalid(String field, String message) {
        return new ApiProblem(400, "Bitte prüfen Sie Ihre Eingabe", null, List.of(new ApiProblem.Violation(field, message)));
    }

    /**
     * A German or plain decimal ("1.234,50", "120.000", "1234.50") as a number; null if blank; throws if
     * it is none. Dots before groups of exactly three digits without a comma are thousands separators.
     */
    public static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replace(" ", "").replace("\u00a0", "").replace("€", "");
        if (t.contains(",")) {
            t = t.replace(".", "").replace(',', '.');
        } else if (t.matches("-?\\d{1,3}(\\.\\d{3})+")) {
            t = t.replace(".", "");
        }
        return new BigDecimal(t);
    }

    /** Blank form values are absent (null) for the APIs. */
    public static String value(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
