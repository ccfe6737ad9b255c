package de.kommunalmarkt.billing.pricing;

import java.math.BigDecimal;
import java.util.List;

/** The amounts of one adopter's invoice for a period: gross = net + VAT; net and VAT are the groups' sums. */
public record InvoiceDraft(List<InvoiceLine> lines, List<VatGroup> vatGroups, BigDecimal net, BigDecimal vat,
        BigDecimal gross) {

    public InvoiceDraft {
        lines = List.copyOf(lines);
        vatGroups = List.copyOf(vatGroups);
    }
}
