package io.hedgestream.replay.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.replay.HistoricalData;
import io.hedgestream.replay.ReplayConfig;
import io.hedgestream.replay.ReplaySource;
import io.hedgestream.replay.ReplayTimeline;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Volmageddon with the HIRM roll, published at max speed to a real broker, reads back complete and in order. */
@ExtendWith(KafkaFixture.class)
class ReplayPublisherIT {

  @TempDir
  Path dir;

  /** Feb-Mar 2018 has 40 trading days (Presidents Day and Good Friday closed): 40 ticks, 40 opens + 39 closes. */
  @Test
  void volmageddonAtMaxSpeedReadsBackEveryTickAndOrderInOrder() {
    Path data = HistoricalData.require().path();
    KafkaFixture.createTopics(Topics.MD_TICKS.name(), Topics.ORDERS_CLIENT.name());
    Properties props = new Properties();
    props.setProperty("replay.data.dir", data.toString());
    props.setProperty("replay.queue.dir", dir.resolve("queue").toString());
    props.setProperty("replay.window", "volmageddon-2018");
    props.setProperty("replay.flow", "hirm");
    props.setProperty("replay.bootstrap.servers", KafkaFixture.bootstrapServers());
    ReplayConfig config = ReplayConfig.from(props);
    ReplaySource.ingest(config);
    ReplayTimeline timeline = ReplaySource.timeline(config);
    assertThat(timeline.ticks()).hasSize(40);

    PublishResult result = ReplayPublisher.publish(timeline, config.publish());
    assertThat(result.ticks()).isEqualTo(40);
    assertThat(result.orders()).isEqualTo(79);

    assertThat(readAll(Topics.MD_TICKS.name(), 40, MarketTick.class)).isEqualTo(timeline.ticks());
    assertThat(readAll(Topics.ORDERS_CLIENT.name(), 79, ClientOrder.class)).isEqualTo(timeline.orders());
  }

  private static <V> List<V> readAll(String topic, int expected, Class<V> type) {
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaFixture.consumerProps("replay-it-" + topic))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          assertThat(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("SPY");
          Object value = topic.equals(Topics.MD_TICKS.name())
              ? Topics.MD_TICKS.valueSerde().deserializer().deserialize(topic, record.value())
              : Topics.ORDERS_CLIENT.valueSerde().deserializer().deserialize(topic, record.value());
          values.add(type.cast(value));
        }
      }
    }
    return values;
  }
}
