package de.kommunalmarkt.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorSseParserTest {

    private static List<OperatorSseParser.Event> parse(String... lines) {
        OperatorSseParser parser = new OperatorSseParser();
        List<OperatorSseParser.Event> events = new ArrayList<>();
        for (String line : lines) {
            parser.line(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void readsTheLicensingStreamAsItIsWritten() {
        List<OperatorSseParser.Event> events = parse(":keepalive", "", "content-type:text/plain", "id:1",
                "event:DeploymentRequested", "data:{\"solutionName\":\"Gießpaten\"}", "", ":keepalive", "",
                "id: 2", "event: DeploymentAccepted", "data: {}", "");
        assertThat(events).containsExactly(
                new OperatorSseParser.Event("1", "DeploymentRequested", "{\"solutionName\":\"Gießpaten\"}"),
                new OperatorSseParser.Event("2", "DeploymentAccepted", "{}"));
    }

    @Test
    void joinsDataLinesAndKeepsTheLastIdAndDefaultsTheType() {
        List<OperatorSseParser.Event> events = parse("id:7", "data:a", "data:b", "", "data:c", "");
        assertThat(events).containsExactly(new OperatorSseParser.Event("7", "message", "a\nb"),
                new OperatorSseParser.Event("7", "message", "c"));
    }

    @Test
    void anEventWithoutDataIsNotDispatched() {
        assertThat(parse("event:DeploymentRequested", "", "retry:1000", "")).isEmpty();
    }

    @Test
    void theBrowserGetsAShortEscapedGermanText() {
        OperatorBoardRelay relay = new OperatorBoardRelay();
        relay.json = new ObjectMapper();
        String text = relay.text(new OperatorSseParser.Event("1", "DeploymentRequested",
                "{\"solutionName\":\"<Gießpaten & Co>\"}"));
        assertThat(text).isEqualTo("Neue Bereitstellung angefragt: <Gießpaten & Co>");
        assertThat(OperatorBoardRelay.html(text)).isEqualTo("Neue Bereitstellung angefragt: &lt;Gießpaten &amp; Co&gt;");
        assertThat(relay.text(new OperatorSseParser.Event("2", "SomethingNew", "no json")))
                .isEqualTo("Bereitstellung geändert");
    }

    @Test
    void aBurstBecomesOneMessage() {
        OperatorBoardRelay.Pending one = new OperatorBoardRelay.Pending(1, "A", "1", false);
        OperatorBoardRelay.Pending burst = one.plus(new OperatorBoardRelay.Pending(1, "B", "2", false))
                .plus(new OperatorBoardRelay.Pending(1, "C", null, false));
        assertThat(one.message()).isEqualTo("A");
        assertThat(burst.message()).isEqualTo("3 Änderungen, zuletzt: C");
        assertThat(burst.id()).isEqualTo("2");
        OperatorBoardRelay.Pending history = new OperatorBoardRelay.Pending(1, "A", "1", true)
                .plus(new OperatorBoardRelay.Pending(1, "B", "2", true));
        assertThat(history.message()).isEqualTo("Die Tabelle ist auf dem neuesten Stand.");
        assertThat(history.plus(new OperatorBoardRelay.Pending(1, "C", "3", false)).message())
                .isEqualTo("3 Änderungen, zuletzt: C");
    }

    @Test
    void resumesFromTheBrowsersLastEventIdOrTheOperatorsCursor() {
        OperatorBoardRelay relay = new OperatorBoardRelay();
        assertThat(relay.resumeFrom("op", " 12 ")).isEqualTo("12");
        assertThat(relay.resumeFrom("op", "x")).isNull();
        assertThat(relay.resumeFrom(null, null)).isNull();
    }
}
