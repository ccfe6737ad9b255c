package de.kommunalmarkt.web.page;

import de.kommunalmarkt.web.api.Api;
import de.kommunalmarkt.web.api.ApiProblem;
import de.kommunalmarkt.web.api.ApiResult;
import de.kommunalmarkt.web.api.Service;
import de.kommunalmarkt.web.page.chart.BarChart;
import de.kommunalmarkt.web.page.chart.ChartFormat.Unit;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider's revenue: the billing service's monthly statements over a range of months (one call per
 * month, as the API takes one period), as a chart per month and per solution and as tables. The
 * figures are the API's; the page only adds them up across months for the per-solution chart and the
 * totals row.
 */
@Path("/anbieter/erloese")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("provider")
public class RevenuePage {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final int DEFAULT_MONTHS = 12;
    /** Each month is one call to billing: a range of three years is the most one page asks for. */
    static final int MAX_MONTHS = 36;
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.GERMANY);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("LLL yy", Locale.GERMANY);
    private static final Pattern GERMAN_MONTH = Pattern.compile("(\\d{1,2})[./](\\d{4})");

    /** The range form as filled in ("2025-12", as an input of type month sends it). */
    @TemplateData
    public record Range(String from, String to) {
    }

    /** A month's statement as the table shows it: the month in words and the API's statement. */
    @TemplateData
    public record Statement(String month, Map<String, Object> statement) {
    }

    /** The sums of the table's columns over the months shown. */
    @TemplateData
    public record Totals(BigDecimal netRevenue, BigDecimal contributionRevenue, BigDecimal platformFee,
            BigDecimal payout) {
    }

    /** One revenue line of a statement, with its month. */
    @TemplateData
    public record Line(String month, Map<String, Object> revenue) {
    }

    @Location("RevenuePage/page.html")
    Template page;

    @Inject
    Api api;

    @GET
    public Response revenue(@QueryParam("von") String from, @QueryParam("bis") String to) {
        YearMonth latest = YearMonth.now(BERLIN).minusMonths(1);
        List<ApiProblem.Violation> violations = new ArrayList<>();
        YearMonth end = month("bis", to, latest, violations);
        YearMonth start = month("von", from, end.minusMonths(DEFAULT_MONTHS - 1), violations);
        if (violations.isEmpty() && start.isAfter(end)) {
            violations.add(new ApiProblem.Violation("von", "Der Beginn liegt nach dem Ende des Zeitraums."));
        }
        if (violations.isEmpty() && start.plusMonths(MAX_MONTHS - 1).isBefore(end)) {
            violations.add(new ApiProblem.Violation("von", "Bitte höchstens " + MAX_MONTHS + " Monate auf einmal wählen."));
        }
        Range range = new Range(from == null ? start.toString() : from, to == null ? end.toString() : to);
        ApiProblem problem = violations.isEmpty() ? null
                : new ApiProblem(400, "Bitte prüfen Sie den Zeitraum", null, violations);
        List<Statement> statements = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        if (problem == null) {
            for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1)) {
                ApiResult result = api.get(Service.BILLING, Api.path("/api/statements", "period", m.toString()));
                if (result.status() == 422) {
                    notYet.add(LONG.format(m)); // the month has not ended: no statement yet
                    continue;
                }
                for (Object o : result.list()) { // a refusal (403, 503) is the error page
                    @SuppressWarnings("unchecked")
                    Map<String, Object> s = (Map<String, Object>) o;
                    statements.add(new Statement(LONG.format(m), s));
                }
            }
        }
        String span = LONG.format(start) + " bis " + LONG.format(end);
        TemplateInstance html = page.data("range", range).data("problem", problem)
                .data("errors", new ProviderSolutionsPage.Errors("zeitraum", problem)).data("span", span)
                .data("statements", statements).data("notYet", notYet).data("totals", totals(statements))
                .data("lines", lines(statements))
                .data("months", monthsChart(statements, span)).data("solutions", solutionsChart(statements, span))
                .data("anyRevenue", statements.stream().anyMatch(s -> nonZero(s.statement().get("netRevenue"))));
        return Forms.again(problem == null ? 200 : 400, html);
    }

    /** A month as typed: "2026-11" (input type month), "11.2026" or "11/2026"; blank gives {@code fallback}. */
    static YearMonth month(String field, String text, YearMonth fallback, List<ApiProblem.Violation> violations) {
        String t = Forms.value(text);
        if (t == null) {
            return fallback;
        }
        Matcher german = GERMAN_MONTH.matcher(t);
        try {
            if (german.matches()) {
                return YearMonth.of(Integer.parseInt(german.group(2)), Integer.parseInt(german.group(1)));
            }
            return YearMonth.parse(t);
        } catch (java.time.DateTimeException e) {
            violations.add(new ApiProblem.Violation(field, "Bitte einen Monat angeben, z. B. 2026-11 oder 11.2026."));
            return fallback;
        }
    }

    static BarChart monthsChart(List<Statement> statements, String span) {
        List<BarChart.Item> items = new ArrayList<>();
        for (Statement s : statements) {
            YearMonth m = YearMonth.parse(String.valueOf(s.statement().get("period")));
            items.add(new BarChart.Item(s.month(), SHORT.format(m), Labels.decimal(s.statement().get("netRevenue"))));
        }
        return BarChart.vertical("chart-monate", "Nettoerlös je Monat, " + span,
                "Säulendiagramm: Nettoerlös Ihrer Kommune in Euro je abgerechnetem Monat von " + span
                        + " – Lizenzen und Beiträge aus Skalierungsrunden, vor Abzug der Plattformgebühr.",
                "Monat", "Nettoerlös", items, Unit.EURO);
    }

    @SuppressWarnings("unchecked")
    static BarChart solutionsChart(List<Statement> statements, String span) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (Statement s : statements) {
            for (Object o : ProviderSolutionsPage.list(s.statement().get("revenues"))) {
                Map<String, Object> r = (Map<String, Object>) o;
                String id = String.valueOf(r.get("solutionId"));
                names.putIfAbsent(id, r.get("solutionName") == null ? id : r.get("solutionName").toString());
                BigDecimal net = Labels.decimal(r.get("net"));
                sums.merge(id, net == null ? BigDecimal.ZERO : net, BigDecimal::add);
            }
        }
        List<BarChart.Item> items = sums.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder()))
                .map(e -> new BarChart.Item(names.get(e.getKey()), e.getValue())).toList();
        return BarChart.horizontal("chart-loesungen", "Nettoerlös je Lösung, " + span,
                "Balkendiagramm: Nettoerlös je Lösung in Euro, zusammengezählt über " + span + ", größter zuerst.",
                "Lösung", "Nettoerlös im Zeitraum", items, Unit.EURO);
    }

    static Totals totals(List<Statement> statements) {
        return new Totals(sum(statements, "netRevenue"), sum(statements, "contributionRevenue"),
                sum(statements, "platformFee"), sum(statements, "payout"));
    }

    @SuppressWarnings("unchecked")
    static List<Line> lines(List<Statement> statements) {
        List<Line> lines = new ArrayList<>();
        for (Statement s : statements) {
            for (Object o : ProviderSolutionsPage.list(s.statement().get("revenues"))) {
                lines.add(new Line(s.month(), (Map<String, Object>) o));
            }
        }
        return lines;
    }

    private static BigDecimal sum(List<Statement> statements, String field) {
        BigDecimal total = BigDecimal.ZERO;
        for (Statement s : statements) {
            BigDecimal v = Labels.decimal(s.statement().get(field));
            if (v != null) {
                total = total.add(v);
            }
        }
        return total;
    }

    private static boolean nonZero(Object value) {
        BigDecimal v = Labels.decimal(value);
        return v != null && v.signum() != 0;
    }
}
