package de.kommunalmarkt.billing.preview;

import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.events.Ags;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The price of each plan of a solution for the caller's municipality (billing README, REST API): for anyone whose token
 * names a municipality (claim {@code municipality}: adopters and providers), whatever their roles; every other caller
 * 403.
 */
@Path("/api/price-preview")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Price preview")
public class PricePreviewResource {

    private final PricePreviewService service;
    private final Caller caller;

    public PricePreviewResource(PricePreviewService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    /**
     * A token without municipality 403; {@code solutionId} missing 400 naming it; a solution billing has not seen 404.
     */
    @GET
    @Operation(summary = "The price of each offered plan of a solution for the caller's municipality",
            description = "A full month of the current month, as the invoice line would bill it (net, VAT, gross; no "
                    + "setup fee); cost sharing: the municipality's share if it joined the licences active today. "
                    + "Prices that depend on inhabitants are null while billing does not know the municipality's.")
    public PricePreviewView preview(@QueryParam("solutionId") String solutionId) {
        String municipality = caller.requireMunicipality();
        if (!Ags.isValid(municipality)) {
            throw ProblemException.forbidden("Your account's municipality claim is no AGS (" + Ags.MESSAGE + ")");
        }
        if (solutionId == null || solutionId.isBlank()) {
            throw ProblemException.badRequest("solutionId", "is required");
        }
        String solution = solutionId.strip();
        if (!service.knows(solution)) {
            throw ProblemException.notFound("Solution", solution);
        }
        return service.preview(solution, municipality);
    }
}
