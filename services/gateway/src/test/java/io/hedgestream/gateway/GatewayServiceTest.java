package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.Side;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class GatewayServiceTest {

  @Test
  void shouldReportAnErrorThatEndsTheConsumerThreadAsItsFailure() throws Exception {
    NoClassDefFoundError missing = new NoClassDefFoundError("io/hedgestream/Missing");
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    TopicPartition orders = new TopicPartition(Topics.ORDERS_HEDGE.name(), 0);
    TopicPartition ticks = new TopicPartition(Topics.MD_TICKS.name(), 0);
    consumer.schedulePollTask(() -> {
      consumer.rebalance(java.util.List.of(ticks, orders));
      consumer.updateBeginningOffsets(Map.of(ticks, 0L, orders, 0L));
      // A quote first: the pre-trade checks hold an order of a symbol without one.
      byte[] tick = Topics.MD_TICKS.valueSerde().serializer().serialize(ticks.topic(),
          TestRecords.tick("SPY", 99, 101));
      consumer.addRecord(new ConsumerRecord<>(ticks.topic(), 0, 0L, "SPY".getBytes(), tick));
      HedgeOrder order = TestRecords.order("o-1", "SPY", Side.BUY, 10);
      byte[] value = Topics.ORDERS_HEDGE.valueSerde().serializer().serialize(orders.topic(), order);
      consumer.addRecord(new ConsumerRecord<>(orders.topic(), 0, 0L, "SPY".getBytes(), value));
    });
    GatewayConfig config = GatewayConfig.from(new Properties());

    GatewayService gateway = GatewayService.start(config, consumer, emptyControlTopic(), () -> producer,
        listener -> new ThrowingRoute(missing));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (gateway.isRunning() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(gateway.isRunning()).isFalse();
    assertThat(gateway.failure()).containsSame(missing);
    gateway.close();
  }

  /** A consumer of a policy.control with one empty partition: every symbol ACTIVE. */
  static MockConsumer<byte[], byte[]> emptyControlTopic() {
    MockConsumer<byte[], byte[]> control = new MockConsumer<>("earliest");
    TopicPartition partition = new TopicPartition(Topics.POLICY_CONTROL.name(), 0);
    control.updatePartitions(partition.topic(),
        java.util.List.of(new org.apache.kafka.common.PartitionInfo(partition.topic(), 0, null, null, null)));
    control.updateBeginningOffsets(Map.of(partition, 0L));
    control.updateEndOffsets(Map.of(partition, 0L));
    return control;
  }

  /** A route whose every submission throws the given error, as a missing class would. */
  private record ThrowingRoute(Error error) implements OrderRoute {
    @Override
    public String venue() {
      return "throwing";
    }

    @Override
    public Optional<Rejection> submit(HedgeOrder order) {
      throw error;
    }

    @Override
    public int openOrders() {
      return 0;
    }

    @Override
    public void close() {}
  }
}
