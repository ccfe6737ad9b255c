package de.kommunalmarkt.billing.invoice;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.billing.view.ContractRepository;
import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.common.security.Caller;
import de.kommunalmarkt.common.security.Roles;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads invoices within the caller's scope: a municipality sees its own, a billing admin every invoice. */
@ApplicationScoped
public class InvoiceService {

    /** Whose invoices a caller may see: all (billing admin) or one municipality's. */
    public record Scope(boolean all, String municipalityAgs) {

        /** A billing admin's scope is everything, anyone else's its token's municipality. */
        public static Scope of(Caller caller) {
            return caller.hasRole(Roles.BILLING_ADMIN) ? everything() : municipality(caller.requireMunicipality());
        }

        public static Scope everything() {
            return new Scope(true, null);
        }

        public static Scope municipality(String ags) {
            return new Scope(false, ags);
        }

        public boolean covers(String ags) {
            return all || municipalityAgs.equals(ags);
        }

        /**
         * The municipality a list is restricted to: the one asked for (null: all) for a billing admin, the caller's
         * own otherwise; 403 when a municipality asks for another's {@code what}.
         */
        public String ofList(String askedFor, String what) {
            if (askedFor != null && !covers(askedFor)) {
                throw ProblemException.forbidden("You may only see the " + what + " of your own municipality ("
                        + municipalityAgs + ")").with("municipality", askedFor);
            }
            return all ? askedFor : municipalityAgs;
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
        String ags = scope.ofList(municipalityAgs, "invoices");
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
        LineContracts lineContracts = LineContracts.load(contracts, json, lines.stream().map(line -> line.contractId).toList());
        LineContributions lineContributions = LineContributions.load(invoices.getEntityManager(),
                lines.stream().map(line -> line.contributionId).toList());
        List<UUID> corrected = lines.stream().map(line -> line.correctsInvoice).filter(Objects::nonNull)
                .distinct().toList();
        Map<UUID, String> correctedNumbers = corrected.isEmpty() ? Map.of() : invoices.list("id in ?1", corrected).stream()
                .collect(Collectors.toMap(found -> found.id, found -> found.number));
        return InvoiceMapper.view(invoice, lines, invoices.vatGroups(id), lineContracts, lineContributions, correctedNumbers)
                .settled(settlements.of(id), settlements.creditOffset(id).orElse(null));
    }
}
