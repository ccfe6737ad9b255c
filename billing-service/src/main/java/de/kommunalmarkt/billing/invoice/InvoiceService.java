package de.kommunalmarkt.billing.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.payment.Settlement;
import de.kommunalmarkt.billing.payment.Settlements;
import de.kommunalmarkt.billing.pricing.BillingPeriod;
import de.kommunalmarkt.billing.view.Contract;
import de.kommunalmarkt.billing.view.ContractRepository;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.events.PlanTerms;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads invoices within the caller's scope: a municipality sees its own, a billing admin every invoice. */
@ApplicationScoped
public class InvoiceService {

    /** Whose invoices a caller may see: all (billing admin) or one municipality's. */
    public record Scope(boolean all, String municipalityAgs) {

        public static Scope everything() {
            return new Scope(true, null);
        }

        public static Scope municipality(String ags) {
            return new Scope(false, ags);
        }

        boolean covers(String ags) {
            return all || municipalityAgs.equals(ags);
        }
    }

    private final InvoiceRepository invoices;
    private final ContractRepository contracts;
    private final ObjectMapper json;
    private final Settlements settlements;

    public InvoiceService(InvoiceRepository invoices, ContractRepository contracts, ObjectMapper json,
            Settlements settlements) {
        this.invoices = invoices;
        this.contracts = contracts;
        this.json = json;
        this.settlements = settlements;
    }

    public PageResult<InvoiceSummary> list(Scope scope, BillingPeriod period, String municipalityAgs, PageParams page) {
        if (municipalityAgs != null && !scope.covers(municipalityAgs)) {
            throw ProblemException.forbidden("You may only see the invoices of your own municipality ("
                    + scope.municipalityAgs() + ")").with("municipality", municipalityAgs);
        }
        String ags = scope.all() ? municipalityAgs : scope.municipalityAgs();
        PanacheQuery<Invoice> query = invoices.matching(period == null ? null : period.toString(), ags);
        List<InvoiceSummary> items = query.page(Page.of(page.page, page.size)).list().stream()
                .map(InvoiceMapper::summary).toList();
        Map<UUID, Settlement> settled = settlements.of(items.stream().map(InvoiceSummary::id).toList());
        return PageResult.of(items.stream().map(item -> item.settled(settled.get(item.id()))).toList(), page,
                query.count());
    }

    public InvoiceView get(Scope scope, UUID id) {
        Invoice invoice = invoices.findByIdOptional(id)
                .filter(found -> scope.covers(found.municipalityAgs))
                .orElseThrow(() -> ProblemException.notFound("Invoice", id));
        List<InvoiceLine> lines = invoices.lines(id);
        Map<Long, Contract> linesContracts = contracts
                .list("id in ?1", lines.stream().map(line -> line.contractId).distinct().toList()).stream()
                .collect(Collectors.toMap(contract -> contract.id, Function.identity()));
        Map<Long, String> exemptionReasons = new HashMap<>();
        linesContracts.values().forEach(contract -> {
            String reason = terms(contract).vatExemptionReason();
            if (reason != null) {
                exemptionReasons.put(contract.id, reason);
            }
        });
        return InvoiceMapper.view(invoice, lines, invoices.vatGroups(id), linesContracts, exemptionReasons)
                .settled(settlements.of(id), settlements.creditOffset(id).orElse(null));
    }

    private PlanTerms terms(Contract contract) {
        try {
            return json.readValue(contract.terms, PlanTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("terms of contract " + contract.id + " are not readable", e);
        }
    }
}
