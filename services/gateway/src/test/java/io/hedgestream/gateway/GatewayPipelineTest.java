package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.Side;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class GatewayPipelineTest {

  private static final String ORDERS = Topics.ORDERS_HEDGE.name();
  private static final String TICKS = Topics.MD_TICKS.name();
  private static final String ORDERS_DLQ = Topics.deadLetterOf(Topics.ORDERS_HEDGE).name();

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final GatewayPipeline pipeline = new GatewayPipeline(1_000, producer,
      listener -> new PaperExchange(new PaperExchangeConfig(1.0, 0, 0, 10), listener));
  private long offset;

  @Test
  void fillsAValidOrderKeyedBySymbol() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", TestRecords.order("o1", "ACME", Side.SELL, 40)));
    List<ProducerRecord<byte[], byte[]>> fills = sentTo(Topics.FILLS_HEDGE.name());
    assertThat(fills).hasSize(1);
    assertThat(new String(fills.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("ACME");
    Fill fill = decode(Topics.FILLS_HEDGE, fills.get(0).value());
    assertThat(fill.getPrice()).isEqualTo(99);
    assertThat(pipeline.counters().fillsPublished()).isEqualTo(1);
    assertThat(pipeline.counters().ordersAccepted()).isEqualTo(1);
  }

  @Test
  void aDuplicateOrderIdIsFilledOnce() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    HedgeOrder order = TestRecords.order("dup", "ACME", Side.BUY, 10);
    pipeline.accept(orderRecord("ACME", order));
    pipeline.accept(orderRecord("ACME", order));
    assertThat(sentTo(Topics.FILLS_HEDGE.name())).hasSize(1);
    assertThat(pipeline.counters().duplicateOrders()).isEqualTo(1);
    assertThat(sentTo(ORDERS_DLQ)).isEmpty();
    assertThat(committedPosition(ORDERS)).isEqualTo(3);
  }

  @Test
  void shouldDeadLetterGarbageAsUndecodable() {
    pipeline.accept(raw(ORDERS, "ACME", new byte[] {1, 2, 3}));
    assertThat(deadLetterCodes()).containsExactly(Rejection.UNDECODABLE);
    DeadLetter letter = decode(Topics.deadLetterOf(Topics.ORDERS_HEDGE), sentTo(ORDERS_DLQ).get(0).value());
    assertThat(letter.getValue().array()).containsExactly(1, 2, 3);
    assertThat(letter.getSourceTopic()).isEqualTo(ORDERS);
    assertThat(letter.getService()).isEqualTo("gateway");
  }

  @Test
  void shouldDeadLetterAnUnknownSchemaFingerprint() {
    byte[] bytes = encode(Topics.ORDERS_HEDGE, TestRecords.order("o", "ACME", Side.BUY, 1));
    bytes[5] ^= 0x5A; // inside the 8-byte fingerprint that follows the 2-byte single-object marker
    pipeline.accept(raw(ORDERS, "ACME", bytes));
    assertThat(deadLetterCodes()).containsExactly(Rejection.UNKNOWN_SCHEMA);
  }

  @Test
  void shouldDeadLetterTombstones() {
    pipeline.accept(raw(ORDERS, "ACME", null));
    assertThat(deadLetterCodes()).containsExactly(Rejection.UNDECODABLE);
  }

  @Test
  void shouldDeadLetterNaNZeroAndNegativeQuantities() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", TestRecords.order("nan", "ACME", Side.BUY, Double.NaN)));
    pipeline.accept(orderRecord("ACME", TestRecords.order("zero", "ACME", Side.BUY, 0)));
    pipeline.accept(orderRecord("ACME", TestRecords.order("neg", "ACME", Side.BUY, -5)));
    assertThat(deadLetterCodes()).containsOnly(Rejection.INVALID_QUANTITY).hasSize(3);
    assertThat(sentTo(Topics.FILLS_HEDGE.name())).isEmpty();
    assertThat(pipeline.counters().ordersRejected()).isEqualTo(3);
  }

  @Test
  void shouldFillAListedOptionOrder() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", TestRecords.optionOrder("opt", "ACME")));
    assertThat(deadLetterCodes()).isEmpty();
    assertThat(sentTo(Topics.FILLS_HEDGE.name())).hasSize(1);
  }

  @Test
  void shouldDeadLetterAnOptionOrderWithBadTerms() {
    HedgeOrder order = TestRecords.optionOrder("opt", "ACME");
    order.getOption().setStrike(-1);
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    pipeline.accept(orderRecord("ACME", order));
    assertThat(deadLetterCodes()).containsExactly(Rejection.INVALID_OPTION);
  }

  @Test
  void shouldDeadLetterAnOrderWhoseKeyIsNotItsSymbol() {
    pipeline.accept(orderRecord("OTHER", TestRecords.order("k", "ACME", Side.BUY, 1)));
    assertThat(deadLetterCodes()).containsExactly(Rejection.INVALID_ORDER);
  }

  @Test
  void shouldDeadLetterCrossedAndUndecodableTicksToTheTickDlq() {
    pipeline.accept(tickRecord(TestRecords.tick("ACME", 101, 99)));
    pipeline.accept(tickRecord(TestRecords.tick("ACME", Double.NaN, 99)));
    pipeline.accept(raw(TICKS, "ACME", new byte[] {9}));
    Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(Topics.MD_TICKS);
    assertThat(sentTo(dlq.name())).extracting(r -> decode(dlq, r.value()).getErrorType())
        .containsExactly(Rejection.CROSSED_QUOTE, Rejection.INVALID_PRICE, Rejection.UNDECODABLE);
    assertThat(pipeline.counters().ticksRejected()).isEqualTo(3);
  }

  @Test
  void offsetsAreCommittableOnlyOnceTheFillIsAcknowledged() {
    MockProducer<byte[], byte[]> manual =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    GatewayPipeline slow = new GatewayPipeline(10, manual,
        listener -> new PaperExchange(new PaperExchangeConfig(0, 0, 0, 10), listener));
    slow.accept(tickRecord(TestRecords.tick("ACME", 99, 101)));
    ConsumerRecord<byte[], byte[]> order = orderRecord("ACME", TestRecords.order("o", "ACME", Side.BUY, 1));
    slow.accept(order);
    TopicPartition partition = new TopicPartition(ORDERS, 0);
    assertThat(slow.committable().get(partition)).isEqualTo(new OffsetAndMetadata(order.offset()));
    assertThat(slow.inFlight()).isEqualTo(1);
    manual.completeNext();
    assertThat(slow.committable().get(partition)).isEqualTo(new OffsetAndMetadata(order.offset() + 1));
    assertThat(slow.inFlight()).isZero();
  }

  private long committedPosition(String topic) {
    return pipeline.committable().get(new TopicPartition(topic, 0)).offset();
  }

  private List<String> deadLetterCodes() {
    Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(Topics.ORDERS_HEDGE);
    return sentTo(dlq.name()).stream().map(r -> decode(dlq, r.value()).getErrorType()).toList();
  }

  private List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  private ConsumerRecord<byte[], byte[]> tickRecord(MarketTick tick) {
    return raw(TICKS, tick.getSymbol(), encode(Topics.MD_TICKS, tick));
  }

  private ConsumerRecord<byte[], byte[]> orderRecord(String key, HedgeOrder order) {
    return raw(ORDERS, key, encode(Topics.ORDERS_HEDGE, order));
  }

  private ConsumerRecord<byte[], byte[]> raw(String topic, String key, byte[] value) {
    return new ConsumerRecord<>(topic, 0, offset++, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static <V> byte[] encode(Topic<?, V> topic, V value) {
    return topic.valueSerde().serializer().serialize(topic.name(), value);
  }

  private static <V> V decode(Topic<?, V> topic, byte[] bytes) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
  }
}
