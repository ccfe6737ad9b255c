package de.kommunalmarkt.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.common.CommonTestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies over quarkus.http.limits.max-body-size (1M) are refused with 413 problem+json, declared or chunked. */
@QuarkusTest
@TestProfile(CommonTestProfile.class)
class RequestSizeLimitTest {

    @TestHTTPResource("/test/problems")
    URI endpoint;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static byte[] thingNamed(int nameLength) {
        return ("{\"name\":\"" + "a".repeat(nameLength) + "\",\"ags\":\"05315000\",\"count\":1}").getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json").POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTooLarge(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("type").asText()).isEqualTo("https://kommunalmarkt.de/problems/payload-too-large");
        assertThat(problem.get("detail").asText()).contains("1048576 bytes");
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413ProblemJson() throws Exception {
        assertTooLarge(post(HttpRequest.BodyPublishers.ofByteArray(thingNamed(2_000_000))));
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWith413() throws Exception {
        byte[] body = (" ".repeat(2_000_000) + "{\"name\":\"x\",\"ags\":\"05315000\",\"count\":1}").getBytes(StandardCharsets.UTF_8);
        assertThat(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).statusCode()).isEqualTo(413);
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413ProblemJsonOverHttp2Too() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> upgrade = http2.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upgrade.version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpResponse<String> response = http2.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(thingNamed(2_000_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertTooLarge(response);
    }

    @Test
    void requestsWithoutBodyPassOverHttp2() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> small = http2.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(thingNamed(5))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
        HttpResponse<String> none = http2.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(405);
    }

    @Test
    void aBodyUnderTheLimitIsReadAndValidatedAsUsual() throws Exception {
        HttpResponse<String> tooLongName = post(HttpRequest.BodyPublishers.ofByteArray(thingNamed(900_000)));
        assertThat(tooLongName.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(tooLongName.body()).get("violations").get(0).get("field").asText()).isEqualTo("name");
        // a small chunked body passes the limit and reaches the resource
        HttpResponse<String> chunked = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(thingNamed(5))));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(200);
        assertThat(chunked.body()).contains("\"name\":\"aaaaa\"");
    }
}
