package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.ApiProblem;
import de.kommunalmarkt.web.api.ApiRefusedException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal as a readable page with the same status: an API's problem (403 for another provider's
 * draft, 404, 503), a page the role may not open (403), an unknown address (404).
 */
public class ErrorPages {

    @CheckedTemplate(basePath = "error")
    static class Templates {
        static native TemplateInstance page(ApiProblem problem);
    }

    @ServerExceptionMapper
    public Response refused(ApiRefusedException e) {
        return render(e.problem());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return render(new ApiProblem(403, "Dafür fehlt Ihnen die Berechtigung",
                "Diese Seite ist einer anderen Rolle vorbehalten. Melden Sie sich mit einem passenden Konto an.", List.of()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return render(new ApiProblem(404, "Seite nicht gefunden",
                "Diese Adresse gibt es im Kommunalmarkt nicht. Über die Navigation oben finden Sie weiter.", List.of()));
    }

    static Response render(ApiProblem problem) {
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.page(problem)).build();
    }
}
