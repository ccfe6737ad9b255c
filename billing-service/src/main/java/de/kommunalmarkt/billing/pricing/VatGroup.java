package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;

/**
 * The VAT breakdown of the lines of one (category, rate): vat = round(rate × net). The exemption
 * reason is the lines' reason (for E and O), distinct reasons joined by "; "; null otherwise.
 */
public record VatGroup(VatCategory category, BigDecimal rate, String exemptionReason, BigDecimal net, BigDecimal vat) {
}
