package de.kommunalmarkt.billing.dunning;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/dunning")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.BILLING_ADMIN, Roles.MARKETPLACE_ADMIN})
@Tag(name = "Dunning")
public class DunningResource {

    private final DunningService dunning;
    private final Clock clock;

    public DunningResource(DunningService dunning, Clock clock) {
        this.dunning = dunning;
        this.clock = clock;
    }

    /** The dunning list a marketplace admin decides on (nothing is suspended automatically). */
    @GET
    public PageResult<OverdueInvoiceView> overdue(@QueryParam("level") String level, @Valid @BeanParam PageParams page) {
        return dunning.overdue(LocalDate.now(clock), level == null || level.isBlank() ? null : level(level), page);
    }

    private static DunningLevel level(String text) {
        try {
            return DunningLevel.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("level", "must be one of " + Arrays.toString(DunningLevel.values()));
        }
    }
}
