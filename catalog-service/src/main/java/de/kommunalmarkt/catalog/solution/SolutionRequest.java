package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.events.Ags;
import de.kommunalmarkt.catalog.directory.ContactEmail;
import de.kommunalmarkt.catalog.directory.MunicipalityRequest;
import de.kommunalmarkt.events.ApprovalPolicy;
import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.OperatorType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a provider sends to draft or update a solution (the whole entry; the provider is the token's
 * municipality, never a field). Fields the gate asks for may be missing in a draft; what is given must
 * be valid.
 */
public record SolutionRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 500) String summary,
        @NotBlank @Size(max = 20_000) String description,
        @NotNull Category category,
        @ValidSpdxId String sourceLicense,
        @NotNull Maturity maturity,
        @NotEmpty @Size(max = 3) List<@NotNull HostingMode> hostingModes,
        @Size(max = 30) List<@NotBlank @Size(max = 100) String> standards,
        @Size(max = 4) List<@NotNull OperatorType> supportedOperatorTypes,
        @Size(max = 50) List<@NotNull @Valid ReferenceEnvironment> referenceEnvironments,
        @ValidHttpUrl String documentationUrl,
        @Valid QualityProfile qualityProfile,
        @NotNull ApprovalPolicy approvalPolicy) {

    /** A reference environment: where the solution already runs, by which operator, hosted how. */
    public record ReferenceEnvironment(
            @NotBlank @Size(max = 200) String municipality,
            @Pattern(regexp = Ags.PATTERN, message = Ags.MESSAGE) String ags,
            @NotBlank @Size(max = 200) String operator,
            @NotNull HostingMode hostingMode) {
    }

    /** The quality declarations the gate checks. */
    public record QualityProfile(
            @ValidHttpUrl String dataProtectionStatementUrl,
            @ValidHttpUrl String securityConceptUrl,
            @ValidHttpUrl String accessibilityStatementUrl,
            Boolean noUserInterface,
            @ContactEmail @Size(max = 254) String supportContact,
            @Min(value = 1, message = "must be at least 1 hour") @Max(value = 720, message = "must be at most 720 hours (30 days)") Integer supportResponseHours) {
    }
}
