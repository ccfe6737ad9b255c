package de.kommunalmarkt.common.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A resource that exists only in the tests, to provoke every kind of error. */
@Path("/test/problems")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProblemTestResource {

    public record Tier(@NotNull @DecimalMin("0") BigDecimal monthlyFee) {
    }

    public record Thing(
            @NotBlank @Size(max = 10) String name,
            @NotNull @Pattern(regexp = "(0[1-9]|1[0-6])[0-9]{6}", message = "must be an 8-digit AGS") String ags,
            int count,
            LocalDate startsOn,
            List<@Valid Tier> tiers) {
    }

    @POST
    public Thing create(@Valid @NotNull Thing thing) {
        if ("conflict".equals(thing.name())) {
            throw ProblemException.conflict("already there").with("currentState", "ACTIVE");
        }
        if ("boom".equals(thing.name())) {
            throw new IllegalStateException("internal detail that must not leak");
        }
        if ("db-gone".equals(thing.name())) {
            // as Hibernate reports a connection the restarting database broke
            throw new IllegalStateException("could not execute statement",
                    new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"));
        }
        if ("deadlock".equals(thing.name())) {
            throw new jakarta.persistence.PersistenceException(new java.sql.SQLException("deadlock detected", "40P01"));
        }
        return thing;
    }
}
