package de.kommunalmarkt.billing.pricing;

import de.kommunalmarkt.events.VatCategory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The amounts of one document — an adopter's invoice for a period, or a credit note — from its lines:
 * VAT per (category, rate) group = round(rate × Σ net of the group's lines); net and VAT are the groups'
 * sums; gross = net + VAT. Groups keep the order in which their first line appears.
 */
public record InvoiceDraft(List<DraftLine> lines, List<VatGroup> vatGroups, BigDecimal net, BigDecimal vat,
        BigDecimal gross) {

    public InvoiceDraft {
        lines = List.copyOf(lines);
        vatGroups = List.copyOf(vatGroups);
    }

    /** The draft of a document with these lines (at least one). */
    public static InvoiceDraft of(List<DraftLine> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a document needs at least one line");
        }
        List<VatGroup> vatGroups = vatGroups(lines);
        BigDecimal net = vatGroups.stream().map(VatGroup::net).reduce(Money.zero(), BigDecimal::add);
        BigDecimal vat = vatGroups.stream().map(VatGroup::vat).reduce(Money.zero(), BigDecimal::add);
        return new InvoiceDraft(lines, vatGroups, net, vat, net.add(vat));
    }

    private static List<VatGroup> vatGroups(List<DraftLine> lines) {
        Map<VatKey, List<DraftLine>> byKey = new LinkedHashMap<>();
        for (DraftLine line : lines) {
            byKey.computeIfAbsent(new VatKey(line.vatCategory(), line.vatRate().stripTrailingZeros()),
                    key -> new ArrayList<>()).add(line);
        }
        List<VatGroup> groups = new ArrayList<>();
        byKey.forEach((key, groupLines) -> {
            BigDecimal net = groupLines.stream().map(DraftLine::netAmount).reduce(Money.zero(), BigDecimal::add);
            // EN 16931 has one breakdown per (category, rate), so differing reasons share it.
            String reasons = groupLines.stream()
                    .map(DraftLine::vatExemptionReason)
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
