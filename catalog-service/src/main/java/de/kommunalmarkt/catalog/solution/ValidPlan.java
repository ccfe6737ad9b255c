package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.common.problem.Problem.Violation;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/** The annotated plan request satisfies {@link PlanRules}; each broken rule is reported on its own field. */
@Target({ElementType.TYPE, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidPlan.Validator.class)
public @interface ValidPlan {
    String message() default "is not a valid plan";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidPlan, PlanRequest> {
        @Override
        public boolean isValid(PlanRequest plan, ConstraintValidatorContext context) {
            if (plan == null) {
                return true;
            }
            List<Violation> violations = PlanRules.check(plan);
            if (violations.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (Violation v : violations) {
                // messages are literal text, not templates: '{' or '$' in them must not be interpolated
                context.buildConstraintViolationWithTemplate(escape(v.message())).addPropertyNode(v.field()).addConstraintViolation();
            }
            return false;
        }

        private static String escape(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
