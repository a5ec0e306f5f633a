package io.hedgestream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class FeedServiceTest {

  @Test
  void publishesMaxTicksPerSymbolKeyedBySymbolThenStops() throws InterruptedException {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    FeedConfig config = FeedGeneratorTest.config("feed.speed", "max", "feed.max-ticks", "200");
    try (FeedService feed = FeedService.start(config, producer)) {
      assertThat(feed.awaitCompletion(Duration.ofSeconds(30))).isTrue();
      assertThat(feed.failure()).isEmpty();
      assertThat(feed.ticksPublished()).isEqualTo(400);
      assertThat(feed.stepsGenerated()).isEqualTo(200);
      assertThat(feed.ordersPublished()).isPositive();
      assertThat(feed.isRunning()).isFalse();
    }
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    List<ProducerRecord<byte[], byte[]>> ticks =
        sent.stream().filter(r -> r.topic().equals(Topics.MD_TICKS.name())).toList();
    assertThat(ticks).hasSize(400);
    for (ProducerRecord<byte[], byte[]> record : ticks) {
      MarketTick tick = Topics.MD_TICKS.valueSerde().deserializer().deserialize(record.topic(), record.value());
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(tick.getSymbol());
    }
    assertThat(sent.stream().filter(r -> r.topic().equals(Topics.ORDERS_CLIENT.name())).count())
        .isEqualTo(sent.size() - 400);
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void closeInterruptsTheWaitForTheNextRealtimeTick() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    // At realtime the next 60 s step is due after close() has given up waiting (30 s), so the feed can
    // only have stopped within close() if close() woke it up.
    FeedService feed = FeedService.start(FeedGeneratorTest.config("feed.speed", "realtime"), producer);
    feed.close();
    assertThat(feed.isRunning()).isFalse();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void aFailedSendStopsTheFeedAndIsReported() throws InterruptedException {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    FeedService feed = FeedService.start(FeedGeneratorTest.config("feed.speed", "x600"), producer);
    while (producer.history().isEmpty()) {
      Thread.sleep(5);
    }
    producer.errorNext(new org.apache.kafka.common.errors.AuthorizationException("denied"));
    assertThat(feed.awaitCompletion(Duration.ofSeconds(10))).isTrue();
    assertThat(feed.failure()).get().extracting(Throwable::getMessage).isEqualTo("denied");
    feed.close();
  }

  @Test
  void anErrorOnTheFeedThreadIsReportedAsTheFailure() throws InterruptedException {
    NoClassDefFoundError missing = new NoClassDefFoundError("io/hedgestream/Missing");
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            throw missing;
          }
        };
    FeedService feed = FeedService.start(FeedGeneratorTest.config("feed.speed", "max"), producer);

    assertThat(feed.awaitCompletion(Duration.ofSeconds(30))).isTrue();
    assertThat(feed.failure()).containsSame(missing);
    assertThat(feed.isRunning()).isFalse();
    assertThat(producer.closed()).isTrue();
    feed.close();
  }
}
