package de.kommunalmarkt.catalog.directory;

import de.kommunalmarkt.events.OperatorId;
import de.kommunalmarkt.events.OperatorType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a marketplace admin sends to register or update an operator. */
public record OperatorRequest(
        @NotNull @Size(min = 2, max = OperatorId.MAX_LENGTH) @Pattern(regexp = OperatorId.PATTERN,
                message = OperatorId.MESSAGE) String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull OperatorType operatorType,
        @NotEmpty @Size(max = 16) List<@NotNull @Pattern(regexp = STATE_PATTERN,
                message = "must be a two-digit state code 01–16") String> statesServed,
        @NotNull @Min(value = 1, message = "must be at least 1") @Max(value = 10_000, message = "must be at most 10000") Integer capacity,
        @NotBlank @ContactEmail @Size(max = 254) String contactEmail) {

    public static final String STATE_PATTERN = "0[1-9]|1[0-6]";
}
