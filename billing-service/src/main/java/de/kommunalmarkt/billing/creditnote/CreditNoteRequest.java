package de.kommunalmarkt.billing.creditnote;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** A billing admin's credit note for an invoice: which lines, how much of each (net), and why. */
public record CreditNoteRequest(
        @NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines,
        @NotBlank @Size(max = 1000) String reason) {

    /** {@code amount} net, positive, in cents, not above what is still uncredited of the line. */
    public record Line(
            @NotNull @Positive Integer lineNo,
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount) {
    }
}
