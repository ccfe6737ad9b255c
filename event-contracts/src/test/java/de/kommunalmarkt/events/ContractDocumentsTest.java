package de.kommunalmarkt.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schemas and the AsyncAPI document describe exactly the events of {@link EventType}. */
class ContractDocumentsTest {

    private static final String SCHEMA_FORMAT = "application/schema+json;version=draft-2020-12";
    private static final List<String> CLOUD_EVENTS_HEADERS =
            List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "content-type");

    private static JsonNode asyncApi;

    @BeforeAll
    static void readAsyncApi() throws IOException {
        try (InputStream in = resource("asyncapi.yaml")) {
            asyncApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_event_type_has_its_schema_file(EventType type) throws IOException {
        JsonNode schema = readJson(type.schemaResource());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(type.schemaId());
        assertThat(schema.path("title").asText()).isEqualTo(type.typeName());
    }

    @Test
    void schema_folder_holds_the_event_schemas_and_the_common_definitions_only() throws Exception {
        Set<String> expected = Arrays.stream(EventType.values())
                .map(type -> type.typeName() + ".schema.json").collect(Collectors.toCollection(HashSet::new));
        expected.add("common.schema.json");

        assertThat(schemaFiles()).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void every_object_in_every_schema_is_closed_and_states_what_it_requires() throws Exception {
        for (Path file : schemaFiles()) {
            JsonNode schema = new ObjectMapper().readTree(file.toFile());
            for (JsonNode object : objectSchemas(schema)) {
                assertThat(object.path("additionalProperties").isBoolean() && !object.path("additionalProperties").asBoolean())
                        .as("additionalProperties: false in %s at %s", file.getFileName(), object).isTrue();
                assertThat(object.has("required")).as("required in %s at %s", file.getFileName(), object).isTrue();
            }
        }
    }

    @Test
    void asyncapi_is_version_3_with_the_local_kafka_server() {
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(asyncApi.at("/servers/local/host").asText()).isEqualTo("127.0.0.1:9092");
        assertThat(asyncApi.at("/servers/local/protocol").asText()).isEqualTo("kafka");
    }

    @Test
    void asyncapi_has_a_channel_for_every_topic_and_its_dead_letter_topic_and_the_operators_own_topic() {
        Set<String> topics = Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet());
        Set<String> expected = new HashSet<>(topics);
        topics.forEach(topic -> expected.add(Topics.deadLetter(topic)));
        expected.add(OPERATOR_CHANNEL);

        assertThat(channelAddresses().values()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void asyncapi_names_every_event_type_as_a_message_of_its_topic(EventType type) {
        JsonNode message = asyncApi.at("/components/messages/" + type.typeName());
        assertThat(message.isObject()).as("message " + type.typeName()).isTrue();
        assertThat(message.path("name").asText()).isEqualTo(type.typeName());
        assertThat(message.at("/payload/schemaFormat").asText()).isEqualTo(SCHEMA_FORMAT);
        assertThat(message.at("/payload/schema/$ref").asText()).isEqualTo("./" + type.schemaResource());

        String channel = channelOf(type.topic());
        assertThat(asyncApi.at("/channels/" + channel + "/messages/" + type.typeName() + "/$ref").asText())
                .isEqualTo("#/components/messages/" + type.typeName());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_event_message_carries_the_cloud_events_headers_and_a_kafka_key(EventType type) {
        List<String> traits = new ArrayList<>();
        asyncApi.at("/components/messages/" + type.typeName() + "/traits")
                .forEach(trait -> traits.add(trait.path("$ref").asText()));

        assertThat(traits).contains("#/components/messageTraits/CloudEventsBinary");
        assertThat(traits).anySatisfy(trait ->
                assertThat(resolve(trait).at("/bindings/kafka/key/type").asText()).isEqualTo("string"));
    }

    @Test
    void cloud_events_trait_requires_every_binary_mode_header() {
        JsonNode headers = asyncApi.at("/components/messageTraits/CloudEventsBinary/headers");

        List<String> required = new ArrayList<>();
        headers.path("required").forEach(name -> required.add(name.asText()));
        assertThat(required).containsExactlyInAnyOrderElementsOf(CLOUD_EVENTS_HEADERS);
        CLOUD_EVENTS_HEADERS.forEach(name -> assertThat(headers.path("properties").has(name)).as(name).isTrue());
    }

    @Test
    void every_topic_has_a_sending_owner_and_every_operation_names_an_existing_channel() {
        Set<String> sentChannels = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = asyncApi.path("operations").fields(); it.hasNext(); ) {
            JsonNode operation = it.next().getValue();
            String channelRef = operation.at("/channel/$ref").asText();
            assertThat(resolve(channelRef).isObject()).as(channelRef).isTrue();
            assertThat(operation.path("action").asText()).isIn("send", "receive");
            if (operation.path("action").asText().equals("send")) {
                sentChannels.add(channelRef);
            }
        }
        Arrays.stream(EventType.values()).map(EventType::topic).distinct().forEach(topic ->
                assertThat(sentChannels).contains("#/channels/" + channelOf(topic)));
    }

    @Test
    void consumers_receive_the_topics_architecture_gives_them() {
        Map<String, Set<String>> received = new java.util.HashMap<>();
        asyncApi.path("operations").forEach(operation -> {
            if (operation.path("action").asText().equals("receive")) {
                String service = resolve(operation.at("/tags/0/$ref").asText()).path("name").asText();
                String address = resolve(operation.at("/channel/$ref").asText()).path("address").asText();
                received.computeIfAbsent(service, s -> new HashSet<>()).add(address);
            }
        });

        assertThat(received).containsExactlyInAnyOrderEntriesOf(Map.of(
                "catalog-service", Set.of(Topics.LICENSING_LICENSES),
                "licensing-service", Set.of(Topics.CATALOG_SOLUTIONS, Topics.CATALOG_DIRECTORY, Topics.CATALOG_ROUNDS),
                "billing-service", Set.of(Topics.LICENSING_LICENSES, Topics.CATALOG_DIRECTORY, Topics.CATALOG_ROUNDS,
                        Topics.CATALOG_SOLUTIONS),
                "operator", Set.of(OPERATOR_CHANNEL)));
    }

    @Test
    void the_operator_channel_is_the_address_of_topics_operatorDeployments_and_carries_every_deployment_event() {
        assertThat(OPERATOR_CHANNEL.replace("{operatorId}", "komm-one")).isEqualTo(Topics.operatorDeployments("komm-one"));
        List<String> messages = new ArrayList<>();
        asyncApi.at("/channels/" + channelOf(OPERATOR_CHANNEL) + "/messages").fieldNames().forEachRemaining(messages::add);
        List<String> deploymentEvents = Arrays.stream(EventType.values()).filter(t -> t.topic().equals(Topics.LICENSING_DEPLOYMENTS))
                .map(EventType::typeName).toList();
        assertThat(messages).containsExactlyInAnyOrderElementsOf(deploymentEvents);
    }

    private static final String OPERATOR_CHANNEL = "operators.{operatorId}.deployments";

    private static Map<String, String> channelAddresses() {
        Map<String, String> addresses = new java.util.HashMap<>();
        asyncApi.path("channels").fields().forEachRemaining(e -> addresses.put(e.getKey(), e.getValue().path("address").asText()));
        return addresses;
    }

    private static String channelOf(String topic) {
        return channelAddresses().entrySet().stream()
                .filter(e -> e.getValue().equals(topic)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no channel for " + topic));
    }

    /** A local {@code #/...} reference of the AsyncAPI document. */
    private static JsonNode resolve(String ref) {
        assertThat(ref).startsWith("#/");
        return asyncApi.at(ref.substring(1));
    }

    /** Every sub-schema that declares {@code type: object}. */
    private static List<JsonNode> objectSchemas(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        if (node.isObject()) {
            if ("object".equals(node.path("type").asText())) {
                found.add(node);
            }
            node.forEach(child -> found.addAll(objectSchemas(child)));
        } else if (node.isArray()) {
            node.forEach(child -> found.addAll(objectSchemas(child)));
        }
        return found;
    }

    private static List<Path> schemaFiles() throws URISyntaxException, IOException {
        URL folder = ContractDocumentsTest.class.getClassLoader().getResource("schemas");
        assertThat(folder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.toList();
        }
    }

    private static JsonNode readJson(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ContractDocumentsTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
