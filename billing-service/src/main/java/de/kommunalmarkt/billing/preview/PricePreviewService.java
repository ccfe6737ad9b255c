package de.kommunalmarkt.billing.preview;

import de.kommunalmarkt.billing.Periods;
import de.kommunalmarkt.billing.pricing.BreakEven;
import de.kommunalmarkt.billing.pricing.ContractTerms;
import de.kommunalmarkt.billing.pricing.FullMonthPrice;
import de.kommunalmarkt.billing.pricing.PriceTerms;
import de.kommunalmarkt.billing.view.CatalogView;
import de.kommunalmarkt.events.BillingPeriod;
import de.kommunalmarkt.events.CostSharingKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The price preview of a solution for one municipality (billing README, REST API): each plan the catalog offers now
 * (billing's view {@code catalog_plan}: a retired plan is no longer in it) at its current terms, for the municipality's
 * inhabitants as the directory gave them, priced for a full month of the current month by billing's own pricing
 * ({@link FullMonthPrice}: the invoice's usage line and VAT; for cost sharing the municipality's largest-remainder
 * share if it joined the licences active today, {@link BreakEven#shareJoining}). No formula of its own: this class
 * only reads the view and words the basis.
 */
@ApplicationScoped
public class PricePreviewService {

    static final String NOTE = "Vorschau für einen vollen Monat (%s) ohne einmalige Einrichtungsgebühr. Rechnungen "
            + "werden taggenau anteilig nach den abrechenbaren Tagen gestellt, und der Anteil an einer Kostenumlage ändert "
            + "sich, wenn Kommunen hinzukommen oder ausscheiden.";
    static final String INHABITANTS_UNKNOWN = "die Einwohnerzahl der Kommune ist noch nicht bekannt";

    private static final Locale GERMAN = Locale.GERMANY;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", GERMAN);

    /** The municipality as billing's view knows it; {@code inhabitants} null when it does not. */
    private record Municipality(String ags, String name, Long inhabitants) {
    }

    private final DataSource dataSource;
    private final CatalogView catalog;
    private final Periods periods;

    public PricePreviewService(DataSource dataSource, CatalogView catalog, Periods periods) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.periods = periods;
    }

    /** Whether billing has seen the solution on {@code catalog.solutions}. */
    public boolean knows(String solutionId) {
        return catalog.providerOf(solutionId) != null;
    }

    /** The preview of a solution billing knows for the municipality {@code ags} (a valid AGS). */
    public PricePreviewView preview(String solutionId, String ags) {
        LocalDate today = periods.today();
        BillingPeriod month = new BillingPeriod(YearMonth.from(today));
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            Municipality municipality = municipality(c, ags);
            Map<String, List<BreakEven.Adopter>> participants = participants(c, solutionId, ags, today);
            List<PricePreviewView.Plan> plans = new ArrayList<>();
            for (CatalogView.Plan offered : catalog.plans(c, solutionId)) {
                plans.add(plan(offered.planId(), offered.name(), offered.terms(), municipality,
                        participants.getOrDefault(offered.planId(), List.of()), month));
            }
            return new PricePreviewView(solutionId, ags, municipality.name(), municipality.inhabitants(), month.toString(),
                    plans, NOTE.formatted(month.month().format(MONTH)));
        } catch (SQLException e) {
            throw new IllegalStateException("the price preview of solution " + solutionId + " could not be computed", e);
        }
    }

    private static PricePreviewView.Plan plan(String planId, String name, ContractTerms terms, Municipality municipality,
            List<BreakEven.Adopter> others, BillingPeriod month) {
        PriceTerms price = terms.price();
        Long inhabitants = municipality.inhabitants();
        if (inhabitants == null && price.dependsOnInhabitants()) {
            Integer participants = price instanceof PriceTerms.CostSharing ? others.size() + 1 : null;
            return new PricePreviewView.Plan(planId, name, price.model(), null, terms.vatRate(), null, null, participants,
                    basis(price, null, participants) + "; " + INHABITANTS_UNKNOWN);
        }
        FullMonthPrice priced;
        if (inhabitants == null) {
            priced = FullMonthPrice.ofAnySize(terms, municipality.ags(), others, month);
        } else if (price instanceof PriceTerms.CostSharing) {
            priced = FullMonthPrice.joining(terms, new BreakEven.Adopter(municipality.ags(), inhabitants), others, month);
        } else {
            priced = FullMonthPrice.of(terms, inhabitants, month);
        }
        return new PricePreviewView.Plan(planId, name, price.model(), priced.net(), priced.vatRate(), priced.vat(),
                priced.gross(), priced.participants(), basis(price, inhabitants, priced.participants()));
    }

    /** The German one-line explanation of a price; {@code inhabitants} null when not known. */
    static String basis(PriceTerms price, Long inhabitants, Integer participants) {
        return switch (price.model()) {
            case FREE -> "Kostenlos";
            case FLAT -> "Pauschal";
            case PER_INHABITANT -> perInhabitant((PriceTerms.PerInhabitant) price, inhabitants);
            case TIERED -> inhabitants == null ? "Staffelpreis nach Einwohnerzahl" : tier((PriceTerms.Tiered) price, inhabitants);
            case COST_SHARING -> {
                PriceTerms.CostSharing pool = (PriceTerms.CostSharing) price;
                yield "Anteil an " + euro(pool.monthlyPool()) + " Umlage bei " + participants + " Teilnehmenden ("
                        + key(pool) + ")";
            }
        };
    }

    private static String perInhabitant(PriceTerms.PerInhabitant price, Long inhabitants) {
        String rate = amount(price.ratePer1000(), "#,##0.00##########") + " € je 1.000 Einwohner";
        if (inhabitants == null) {
            return rate;
        }
        String basis = rate + " × " + count(inhabitants) + " Einwohner";
        // clamped: the price differs from the rate alone (billing's own rule, without its bounds)
        BigDecimal amount = price.fullMonthAmount(inhabitants);
        BigDecimal unbounded = new PriceTerms.PerInhabitant(price.ratePer1000(), null, null).fullMonthAmount(inhabitants);
        if (amount.compareTo(unbounded) > 0) {
            return basis + ", mindestens " + euro(price.minMonthly());
        }
        if (amount.compareTo(unbounded) < 0) {
            return basis + ", höchstens " + euro(price.maxMonthly());
        }
        return basis;
    }

    private static String tier(PriceTerms.Tiered price, long inhabitants) {
        PriceTerms.Tiered.Tier tier = price.tierFor(inhabitants);
        if (tier.upTo() != null) {
            return "Staffel bis unter " + count(tier.upTo()) + " Einwohner";
        }
        List<PriceTerms.Tiered.Tier> tiers = price.tiers();
        return tiers.size() == 1 ? "Staffel für jede Einwohnerzahl"
                : "Staffel ab " + count(tiers.get(tiers.size() - 2).upTo()) + " Einwohner";
    }

    private static String key(PriceTerms.CostSharing pool) {
        if (pool.key() == CostSharingKey.MIXED) {
            BigDecimal byInhabitants = pool.inhabitantWeight().movePointRight(2);
            return "zu " + amount(byInhabitants, "#,##0.##") + " % nach Einwohnern, zu "
                    + amount(BigDecimal.valueOf(100).subtract(byInhabitants), "#,##0.##") + " % zu gleichen Teilen";
        }
        return pool.key() == CostSharingKey.EQUAL ? "zu gleichen Teilen" : "nach Einwohnern";
    }

    private static String euro(BigDecimal amount) {
        return amount(amount, "#,##0.00") + " €";
    }

    private static String count(long count) {
        return amount(BigDecimal.valueOf(count), "#,##0");
    }

    private static String amount(BigDecimal amount, String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(GERMAN));
        return format.format(amount);
    }

    private static Municipality municipality(Connection c, String ags) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select name, inhabitants from municipality where ags = ?")) {
            s.setString(1, ags);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Municipality(ags, rs.getString(1), rs.getLong(2)) : new Municipality(ags, null, null);
            }
        }
    }

    /**
     * Per plan of the solution, the licences active today (activated, not ended, not suspended) of municipalities
     * billing knows, in the order of activation — except the municipality's own: it would join them, so it counts once.
     */
    private static Map<String, List<BreakEven.Adopter>> participants(Connection c, String solutionId, String ags,
            LocalDate today) throws SQLException {
        Map<String, List<BreakEven.Adopter>> participants = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select c.plan_id, l.adopter_ags, m.inhabitants
                from license l join contract c on c.id = l.contract_id join municipality m on m.ags = l.adopter_ags
                where c.solution_id = ? and c.price_model = 'COST_SHARING' and l.adopter_ags <> ?
                  and l.activated_on <= ? and (l.ends_on is null or l.ends_on >= ?)
                  and not exists (select 1 from license_suspension s where s.license_id = l.license_id
                      and s.suspended_on <= ? and (s.resumed_on is null or s.resumed_on > ?))
                order by l.activated_on, l.adopter_ags, l.license_id""")) {
            s.setString(1, solutionId);
            s.setString(2, ags);
            for (int i = 3; i <= 6; i++) {
                s.setObject(i, today);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    participants.computeIfAbsent(rs.getString(1), plan -> new ArrayList<>())
                            .add(new BreakEven.Adopter(rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return participants;
    }
}
