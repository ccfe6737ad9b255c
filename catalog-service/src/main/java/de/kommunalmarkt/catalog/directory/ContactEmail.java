package de.kommunalmarkt.catalog.directory;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An e-mail address people write to: well-formed ({@link Email}), not empty, and without spaces,
 * control characters or invisible format characters — a zero-width space or a bidi control makes an
 * address display exactly like another one. Non-ASCII letters and marks stay allowed (internationalised
 * addresses). {@code null} is left to {@code @NotNull}/{@code @NotBlank}.
 */
@Email
@Pattern(regexp = "[^\\p{Z}\\s\\p{Cc}\\p{Cf}]+")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD,
        ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ContactEmail {
    String message() default "must be a well-formed email address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
