package io.hedgestream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The test body shared by the container and the in-JVM broker tests: create a topic, write one aborted and
 * one committed transaction, and check that a read_committed consumer sees exactly the committed record.
 */
final class RoundTripScenario {

  private RoundTripScenario() {}

  /** Runs the scenario against the broker at {@code bootstrapServers}. */
  static void run(String bootstrapServers) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "roundtrip." + suffix;
    TopicAdmin.ensureTopics(bootstrapServers, Map.of(), 2, List.of(topic));

    try (var producer = new KafkaProducer<byte[], byte[]>(
        KafkaClients.transactionalProducer(bootstrapServers, "roundtrip-" + suffix, Map.of()))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, bytes("SPY"), bytes("aborted")));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, bytes("SPY"), bytes("committed")));
      producer.commitTransaction();
    }

    assertThat(readAll(bootstrapServers, topic, "roundtrip-" + suffix)).containsExactly("committed");
  }

  private static List<String> readAll(String bootstrapServers, String topic, String group) {
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<byte[], byte[]>(
        KafkaClients.consumer(bootstrapServers, group, Map.of()))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(text(r.value())));
      }
      consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(text(r.value())));
    }
    return values;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
