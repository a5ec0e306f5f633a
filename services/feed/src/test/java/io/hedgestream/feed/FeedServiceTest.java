package io.hedgestream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void writesTheSabrBookPathOneLinePerDayWithTheOrdersPublishedBeforeItsTick(@TempDir Path dir)
      throws Exception {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    Path file = dir.resolve("path.csv");
    FeedConfig config = SabrBookFeedTest.config("feed.speed", "max", "feed.sabr.episode-days", "8",
        "feed.sabr.orders-per-day", "2", "feed.path-out", file.toString());
    try (FeedService feed = FeedService.start(config, producer)) {
      assertThat(feed.awaitCompletion(Duration.ofSeconds(30))).isTrue();
      assertThat(feed.failure()).isEmpty();
      assertThat(feed.ticksPublished()).isEqualTo(9);
    }
    List<SymbolStep> expected = SabrBookFeedTest.steps(config, 9);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(10);
    assertThat(lines.get(0)).isEqualTo(PathWriter.HEADER);
    for (int day = 0; day < 9; day++) {
      String[] cells = lines.get(day + 1).split(",");
      SymbolStep step = expected.get(day);
      assertThat(cells[0]).isEqualTo("SIM");
      assertThat(Integer.parseInt(cells[1])).isEqualTo(day);
      assertThat(Instant.parse(cells[2])).isEqualTo(step.tick().getEventTimeMicros());
      assertThat(Double.parseDouble(cells[4])).isEqualTo(step.tick().getLast());
      assertThat(Double.parseDouble(cells[5])).isEqualTo(step.tick().getSabr().getAlpha());
      assertThat(Integer.parseInt(cells[7])).isEqualTo(step.orders().size());
      assertThat(Long.parseLong(cells[8])).isEqualTo(step.orders().stream().filter(o -> o.getQuantity() > 0).count());
    }
    // Each day's orders go out before its tick.
    List<String> topics = producer.history().stream().map(ProducerRecord::topic).toList();
    int firstOrders = expected.get(0).orders().size();
    assertThat(topics.subList(0, firstOrders)).containsOnly(Topics.ORDERS_CLIENT.name());
    assertThat(topics.get(firstOrders)).isEqualTo(Topics.MD_TICKS.name());
  }
}
