package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes one adopter's invoice for a period from its licences (DOMAIN.md, "Billing").
 *
 * <p>A usage line per licence: round(M × billableDays / D) for FREE, FLAT, PER_INHABITANT and TIERED,
 * the allocated share for COST_SHARING; the setup fee as a separate full line in the period that
 * contains the activation date. Zero lines are left out. VAT per (category, rate) group =
 * round(rate × Σ net of the group). Lines keep the order of the licences given, usage before setup
 * fee; groups the order in which their first line appears.
 */
public final class InvoiceCalculator {

    /** The draft, or empty when no line is left: such an invoice is not issued. */
    public Optional<InvoiceDraft> calculate(BillingPeriod period, List<BillableLicense> licenses) {
        Objects.requireNonNull(period, "period is required");
        Objects.requireNonNull(licenses, "licenses are required");
        List<InvoiceLine> lines = new ArrayList<>();
        for (BillableLicense license : licenses) {
            addIfNotZero(lines, usageLine(period, license));
            if (period.contains(license.timeline().activatedOn())) {
                addIfNotZero(lines, line(license, LineKind.SETUP_FEE, null, license.terms().setupFee()));
            }
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<VatGroup> vatGroups = vatGroups(lines);
        BigDecimal net = vatGroups.stream().map(VatGroup::net).reduce(Money.zero(), BigDecimal::add);
        BigDecimal vat = vatGroups.stream().map(VatGroup::vat).reduce(Money.zero(), BigDecimal::add);
        return Optional.of(new InvoiceDraft(lines, vatGroups, net, vat, net.add(vat)));
    }

    private static InvoiceLine usageLine(BillingPeriod period, BillableLicense license) {
        BillableDays billableDays = BillableDays.of(period, license.timeline());
        BigDecimal amount;
        if (license.terms().price() instanceof PriceTerms.ProRataPrice price) {
            amount = Money.proRataToCent(price.fullMonthAmount(license.inhabitants()),
                    billableDays.days(), billableDays.periodDays());
        } else {
            amount = license.costShare();
        }
        return line(license, LineKind.USAGE, billableDays, amount);
    }

    private static InvoiceLine line(BillableLicense license, LineKind kind, BillableDays billableDays,
            BigDecimal amount) {
        ContractTerms terms = license.terms();
        return new InvoiceLine(license.licenseId(), kind, terms.price().model(), billableDays, amount,
                terms.vatCategory(), terms.vatRate(), terms.vatExemptionReason());
    }

    private static void addIfNotZero(List<InvoiceLine> lines, InvoiceLine line) {
        if (line.netAmount().signum() != 0) {
            lines.add(line);
        }
    }

    private static List<VatGroup> vatGroups(List<InvoiceLine> lines) {
        Map<VatKey, List<InvoiceLine>> byKey = new LinkedHashMap<>();
        for (InvoiceLine line : lines) {
            byKey.computeIfAbsent(new VatKey(line.vatCategory(), line.vatRate().stripTrailingZeros()),
                    key -> new ArrayList<>()).add(line);
        }
        List<VatGroup> groups = new ArrayList<>();
        byKey.forEach((key, groupLines) -> {
            BigDecimal net = groupLines.stream().map(InvoiceLine::netAmount).reduce(Money.zero(), BigDecimal::add);
            // EN 16931 has one breakdown per (category, rate), so differing reasons share it.
            String reasons = groupLines.stream()
                    .map(InvoiceLine::vatExemptionReason)
                    .filter(Objects::nonNull)
                    .distinct()
                    .collect(Collectors.joining("; "));
            groups.add(new VatGroup(key.category(), key.rate(), reasons.isEmpty() ? null : reasons, net,
                    Money.roundToCent(key.rate().multiply(net))));
        });
        return groups;
    }

    private record VatKey(VatCategory category, BigDecimal rate) {
    }
}
