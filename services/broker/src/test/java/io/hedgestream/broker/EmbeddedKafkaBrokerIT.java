package io.hedgestream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
  }

  @Test
  void ensureTopicsCreatesMissingTopicsAndIsIdempotent() throws Exception {
    TopicAdmin.ensureTopics(broker.bootstrapServers(), Map.of(), 3, List.of("t.idem.a", "t.idem.b"));
    TopicAdmin.ensureTopics(broker.bootstrapServers(), Map.of(), 5, List.of("t.idem.a", "t.idem.b", "t.idem.c"));

    try (Admin admin = Admin.create(KafkaClients.admin(broker.bootstrapServers(), Map.of()))) {
      var topics = admin.describeTopics(Set.of("t.idem.a", "t.idem.c")).allTopicNames().get();
      assertThat(topics.get("t.idem.a").partitions()).hasSize(3);
      assertThat(topics.get("t.idem.c").partitions()).hasSize(5);
    }
  }

  @Test
  void anExplicitReplicationFactorIsUsedAndRefusedBeyondTheBrokerCount() throws Exception {
    TopicAdmin.ensureTopics(broker.bootstrapServers(), Map.of(), 2, (short) 1, List.of("t.rf.one"));

    try (Admin admin = Admin.create(KafkaClients.admin(broker.bootstrapServers(), Map.of()))) {
      var topic = admin.describeTopics(Set.of("t.rf.one")).allTopicNames().get().get("t.rf.one");
      assertThat(topic.partitions()).hasSize(2).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
    }
    assertThatThrownBy(() -> TopicAdmin.ensureTopics(broker.bootstrapServers(), Map.of(), 1, (short) 2,
        List.of("t.rf.two"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void producedRecordIsConsumed() {
    TopicAdmin.ensureTopics(broker.bootstrapServers(), Map.of(), 2, List.of("t.plain"));
    try (var producer = new KafkaProducer<byte[], byte[]>(KafkaClients.producer(broker.bootstrapServers(), Map.of()))) {
      producer.send(new ProducerRecord<>("t.plain", bytes("SPY"), bytes("tick-1")));
    }

    assertThat(consumeValues("t.plain", "g-plain", 1)).containsExactly("tick-1");
  }

  @Test
  void readCommittedConsumerSeesCommittedTransactionsOnly() {
    String bootstrap = broker.bootstrapServers();
    TopicAdmin.ensureTopics(bootstrap, Map.of(), 1, List.of("t.tx"));
    try (var producer = new KafkaProducer<byte[], byte[]>(
        KafkaClients.transactionalProducer(bootstrap, "tx-it", Map.of()))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("t.tx", bytes("SPY"), bytes("aborted")));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("t.tx", bytes("SPY"), bytes("committed")));
      producer.commitTransaction();
    }

    assertThat(consumeValues("t.tx", "g-tx", 1)).containsExactly("committed");
  }

  @Test
  void closeDeletesTheTemporaryLogDirButKeepsAGivenOne(@TempDir Path given) {
    EmbeddedKafkaBroker temporary = EmbeddedKafkaBroker.start();
    Path temporaryDir = temporary.logDir();
    temporary.close();
    EmbeddedKafkaBroker persistent = EmbeddedKafkaBroker.start(given.resolve("kafka"));
    persistent.close();

    assertThat(temporaryDir).doesNotExist();
    assertThat(given.resolve("kafka").resolve("meta.properties")).exists();
  }

  @Test
  void restartsOnAnAlreadyFormattedLogDir(@TempDir Path dir) {
    EmbeddedKafkaBroker.start(dir).close();
    try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dir)) {
      TopicAdmin.ensureTopics(again.bootstrapServers(), Map.of(), 1, List.of("t.restart"));
      assertThat(Files.exists(dir.resolve("meta.properties"))).isTrue();
    }
  }

  /** Polls until {@code expected} values arrive or 30 s pass; returns what arrived. */
  private static List<String> consumeValues(String topic, String group, int expected) {
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<byte[], byte[]>(
        KafkaClients.consumer(broker.bootstrapServers(), group, Map.of()))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
      // One more short poll shows that nothing (e.g. an aborted record) follows.
      consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
    }
    return values;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
