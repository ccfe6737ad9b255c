package de.kommunalmarkt.e2e;

import java.nio.charset.StandardCharsets;
import org.mustangproject.validator.ZUGFeRDValidator;

/**
 * Mustang's validator over a downloaded XRechnung, as every journey judges it: completely valid. An
 * invoice with lines not subject to VAT (O) is the one exception: Mustang 2.25.0's validator crashes in its
 * arithmetic check on a correct O invoice (mustangproject issue 1219, fixed after 2.25.0, the newest served
 * here; billing-service's XRechnungValidationTest does the same) — schema and XRechnung Schematron run before
 * it and must find nothing, and the crash must be that one.
 */
final class XRechnungValidation {

    private XRechnungValidation() {
    }

    /** The validator's verdict on the document: {@code valid}, and the report to show when it is not. */
    record Verdict(boolean valid, String report) {
    }

    static Verdict of(String xml, String number) {
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(xml.getBytes(StandardCharsets.UTF_8), number + ".xml");
        boolean outOfScope = xml.contains("<ram:CategoryCode>O</ram:CategoryCode>");
        if (outOfScope && !validator.wasCompletelyValid()) {
            boolean onlyTheKnownCrash = !report.contains("<error") && report.contains("enrichProductFromVATBreakdown")
                    && report.indexOf("<exception") >= 0 && report.indexOf("<exception") == report.lastIndexOf("<exception");
            return new Verdict(onlyTheKnownCrash, "(O) without errors, only Mustang 2.25.0's known crash:\n" + report);
        }
        return new Verdict(validator.wasCompletelyValid(), "valid per Mustang's validator:\n" + report);
    }
}
