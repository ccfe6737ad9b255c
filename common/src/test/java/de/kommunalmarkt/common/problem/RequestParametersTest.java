package de.kommunalmarkt.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import de.kommunalmarkt.common.CommonTestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Query parameters and path segments: paging bounds (PagingBounds) and well-formed text (WellFormedParameters)
 * are 400 problem+json naming the parameter, for every resource, before resource code or a database sees them.
 */
@QuarkusTest
@TestProfile(CommonTestProfile.class)
class RequestParametersTest {

    @TestHTTPResource("/")
    URI root;

    record Answer(int status, String contentType, JsonPath body) {
    }

    /**
     * GET with the path and query exactly as written, over a plain socket: HTTP clients encode escapes again
     * or refuse malformed ones ({@code %zz}), which is what a hostile client sends.
     */
    private Answer get(String pathAndQuery) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String[] response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            String[] head = response[0].split("\r\n");
            String contentType = Arrays.stream(head).filter(h -> h.toLowerCase().startsWith("content-type:"))
                    .map(h -> h.substring(13).strip()).findFirst().orElse("");
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), contentType,
                    response.length < 2 || response[1].isEmpty() ? null : JsonPath.from(response[1]));
        }
    }

    private void refused(String pathAndQuery, String parameter) throws IOException {
        Answer answer = get(pathAndQuery);
        assertThat(answer.status()).as(pathAndQuery).isEqualTo(400);
        assertThat(answer.contentType()).as(pathAndQuery).startsWith("application/problem+json");
        assertThat(answer.body().getInt("status")).isEqualTo(400);
        assertThat(answer.body().getString("type")).isEqualTo("https://kommunalmarkt.de/problems/validation");
        assertThat(answer.body().getString("violations[0].field")).as(pathAndQuery).isEqualTo(parameter);
        assertThat(answer.body().getString("detail")).contains(parameter);
    }

    private void passes(String pathAndQuery, String path, Object expected) throws IOException {
        Answer answer = get(pathAndQuery);
        assertThat(answer.status()).as(pathAndQuery).isEqualTo(200);
        assertThat(answer.body().<Object>get(path)).as(pathAndQuery).isEqualTo(expected);
    }

    @Test
    void validPagingPasses() throws IOException {
        passes("/test/parameters", "size", 20);
        passes("/test/parameters?page=3&size=200", "page", 3);
        passes("/test/parameters?page=50000&size=200", "page", 50000);
        passes("/test/parameters?page=10000000&size=1", "page", 10000000);
    }

    @Test
    void aPageSoDeepThatPageTimesSizeOverflowsOrPassesTheMaximumIs400NamingPage() throws IOException {
        refused("/test/parameters?page=20000000&size=200", "page");
        refused("/test/parameters?page=50001&size=200", "page");
        refused("/test/parameters?page=10000001&size=1", "page");
        refused("/test/parameters?page=2147483647", "page");
        refused("/test/parameters?page=99999999999999999999", "page");
    }

    @Test
    void negativeEmptyAndNonNumericPagingIs400NamingTheParameter() throws IOException {
        refused("/test/parameters?page=-1", "page");
        refused("/test/parameters?page=abc", "page");
        refused("/test/parameters?page=", "page");
        refused("/test/parameters?page=1.5", "page");
        refused("/test/parameters?page=1e3", "page");
        refused("/test/parameters?page=%2B1", "page");
        refused("/test/parameters?page=%D9%A1", "page");
        refused("/test/parameters?size=0", "size");
        refused("/test/parameters?size=201", "size");
        refused("/test/parameters?size=-20", "size");
        refused("/test/parameters?size=twenty", "size");
        refused("/test/parameters?size=20&size=500", "size");
    }

    @Test
    void nulControlCharactersAndBidiControlsInAQueryParameterAre400NamingIt() throws IOException {
        refused("/test/parameters?q=%00", "q");
        refused("/test/parameters?q=Rat%00haus", "q");
        refused("/test/parameters?q=a%0Ab", "q");
        refused("/test/parameters?q=%1B%5B31m", "q");
        refused("/test/parameters?q=%7F", "q");
        refused("/test/parameters?q=%C2%85", "q");
        refused("/test/parameters?q=a%E2%80%AEb", "q");
        refused("/test/parameters?q%00=x", "q%00");
    }

    @Test
    void encodedLoneSurrogatesAndBytesThatAreNoUtf8Are400NamingTheParameter() throws IOException {
        refused("/test/parameters?q=%ED%A0%80", "q");
        refused("/test/parameters?q=a%ED%B0%80b", "q");
        refused("/test/parameters?q=%C3%28", "q");
        refused("/test/parameters?q=%FF", "q");
        refused("/test/parameters?q=%C0%AF", "q");
    }

    /** An invalid URI is refused by Quarkus itself (java.net.URI validation) before any route: a 400, never more. */
    @Test
    void malformedPercentEscapesAre400() throws IOException {
        for (String malformed : new String[] {"/test/parameters?q=%", "/test/parameters?q=%zz", "/test/parameters?q=abc%4",
                "/test/parameters/%zz", "/test/parameters?page=%G1"}) {
            assertThat(get(malformed).status()).as(malformed).isEqualTo(400);
        }
    }

    @Test
    void hostilePathSegmentsAre400NamingThePathParameter() throws IOException {
        refused("/test/parameters/a%00b", "id");
        refused("/test/parameters/%0D%0ASet-Cookie:x", "id");
        refused("/test/parameters/%ED%A0%80", "id");
        refused("/test/parameters/%E2%80%AE", "id");
        refused("/test/parameters/ok?q=%00", "q");
    }

    @Test
    void wellFormedTextPassesAsItWasMeant() throws IOException {
        passes("/test/parameters?q=K%C3%B6ln+%F0%9F%98%80", "items[0]", "Köln \ud83d\ude00");
        passes("/test/parameters?q=1%27%20OR%20%271%27%3D%271", "items[0]", "1' OR '1'='1");
        passes("/test/parameters/K%C3%B6ln", "items[0]", "Köln");
    }
}
