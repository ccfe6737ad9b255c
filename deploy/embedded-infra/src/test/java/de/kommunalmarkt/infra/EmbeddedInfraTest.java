package de.kommunalmarkt.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedInfraTest {

    @Test
    void postgresKeepsItsDataAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory("pg-restart");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0, List.of("catalog"))) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("catalog"), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('still here')");
            }
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0, List.of("catalog"));
                Connection c = DriverManager.getConnection(pg.jdbcUrl("catalog"), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void kafkaBrokerHasTheTopicsAndDeliversAndKeepsRecordsAcrossARestart() throws Exception {
        Path logs = Files.createTempDirectory("kafka-restart");
        KafkaUser admin = KafkaUser.withRandomPassword(KafkaAccess.ADMIN);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logs, 0, admin)) {
            Map<String, Object> config = new HashMap<>(broker.adminConfig());
            config.put("acks", "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("catalog.directory", "05315000", "{\"n\":1}")).get();
            }
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logs, 0, admin)) {
            Properties props = new Properties();
            props.putAll(broker.adminConfig());
            props.put("group.id", "restart-test");
            props.put("auto.offset.reset", "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                assertThat(consumer.listTopics().keySet()).contains("catalog.directory", "catalog.directory.dlq",
                        "licensing.licenses", "billing.invoices.dlq");
                assertThat(consumer.partitionsFor("licensing.deployments")).hasSize(EmbeddedKafkaBroker.PARTITIONS);
                consumer.subscribe(List.of("catalog.directory"));
                long deadline = System.currentTimeMillis() + 30_000;
                String seen = null;
                while (seen == null && System.currentTimeMillis() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    for (var r : records) {
                        seen = r.key() + "=" + r.value();
                    }
                }
                assertThat(seen).isEqualTo("05315000={\"n\":1}");
            }
        }
    }
}
