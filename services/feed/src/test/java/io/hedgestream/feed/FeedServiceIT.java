package io.hedgestream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs the feed against a real broker and reads back exactly what the seeded generator produces. */
@ExtendWith(KafkaFixture.class)
class FeedServiceIT {

  private static final int TICKS = 150;

  @Test
  void publishesDecodableTicksAndOrdersEqualToTheSeededGenerator() throws InterruptedException {
    KafkaFixture.createTopics(2, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_CLIENT.name()));
    String runId = "it-" + UUID.randomUUID().toString().substring(0, 8);
    FeedConfig config = FeedGeneratorTest.config("feed.speed", "max", "feed.max-ticks", Integer.toString(TICKS),
        "feed.model", "heston", "feed.run-id", runId)
        .withBootstrapServers(KafkaFixture.bootstrapServers());

    try (FeedService feed = FeedService.start(config)) {
      assertThat(feed.awaitCompletion(Duration.ofSeconds(60))).isTrue();
      assertThat(feed.failure()).isEmpty();
      assertThat(feed.ticksPublished()).isEqualTo(2L * TICKS);
    }

    List<MarketTick> expectedTicks = new ArrayList<>();
    List<ClientOrder> expectedOrders = new ArrayList<>();
    FeedGenerator generator = new FeedGenerator(config, config.startTime());
    for (int i = 0; i < TICKS; i++) {
      for (SymbolStep step : generator.next()) {
        expectedOrders.addAll(step.orders());
        expectedTicks.add(step.tick());
      }
    }

    List<MarketTick> ticks = new ArrayList<>();
    List<ClientOrder> orders = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(KafkaFixture.consumerProps("feed-it-" + runId))) {
      consumer.subscribe(List.of(Topics.MD_TICKS.name(), Topics.ORDERS_CLIENT.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while ((ticks.size() < expectedTicks.size() || orders.size() < expectedOrders.size())
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          String key = new String(record.key(), StandardCharsets.UTF_8);
          if (record.topic().equals(Topics.MD_TICKS.name())) {
            MarketTick tick = Topics.MD_TICKS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            assertThat(key).isEqualTo(tick.getSymbol());
            ticks.add(tick);
          } else {
            ClientOrder order =
                Topics.ORDERS_CLIENT.valueSerde().deserializer().deserialize(record.topic(), record.value());
            assertThat(key).isEqualTo(order.getSymbol());
            if (order.getOrderId().startsWith(runId)) {
              orders.add(order);
            }
          }
        }
      }
    }
    Instant start = config.startTime();
    List<MarketTick> ourTicks = ticks.stream()
        .filter(t -> !t.getEventTimeMicros().isBefore(start)).toList();
    assertThat(ourTicks).containsExactlyInAnyOrderElementsOf(expectedTicks);
    assertThat(orders).containsExactlyInAnyOrderElementsOf(expectedOrders);
    assertThat(orders).isNotEmpty();
  }
}
