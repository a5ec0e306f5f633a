package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Every topic read as an outside consumer would: a generic Avro reader built only from the {@code .avsc}
 * files of {@code schemas/src/main/avro} (no generated class, no HedgeStream code), with the timestamp logical
 * types on, over the bytes a real engine run wrote and read. The single-object header is the two-byte marker
 * {@code C3 01} and the schema's 64-bit parsing fingerprint (little-endian); each body must decode completely
 * and re-encode to the same bytes.
 */
class GenericAvroReadingTest {

  private static final Path AVRO_DIR = Path.of(System.getProperty("basedir", "."), "..", "..", "schemas", "src",
      "main", "avro").normalize();

  @Test
  void everyTopicDecodesWithAGenericReaderFromTheAvscFilesAlone() throws Exception {
    Map<Long, Schema> byFingerprint = schemasFromFiles();
    Map<String, List<byte[]>> recordsByTopic = new HashMap<>();
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      engine.tick(tick(minutes(0), 100));
      engine.order(clientBuysCalls("generic-1", 10, minutes(0)));
      engine.control("*", Samples.command("generic-limits", ControlCommand.SET_LIMITS,
          Map.of("maxPosition", 1e6)));
      for (int minute = 1; minute <= 30; minute++) {
        engine.tick(tick(minutes(minute), 100 + Math.sin(minute) * 2));
        List<TestRecord<byte[], byte[]>> orders = engine.rawOutput(Topics.ORDERS_HEDGE.name()).readRecordsToList();
        for (TestRecord<byte[], byte[]> raw : orders) {
          recordsByTopic.computeIfAbsent(Topics.ORDERS_HEDGE.name(), t -> new ArrayList<>()).add(raw.value());
          HedgeOrder order = Topics.ORDERS_HEDGE.valueSerde().deserializer().deserialize("", raw.value());
          engine.fill(Samples.fillOf(order, "fill-" + order.getOrderId(), order.getQuantity(), 100, 0.5));
        }
      }
      engine.raw(Topics.MD_TICKS).pipeInput(SPY.getBytes(), new byte[] {1, 2, 3});
      for (String topic : List.of(Topics.PNL_EVENTS.name(), Topics.RISK_METRICS.name(), Topics.REGIME_EVENTS.name(),
          Topics.deadLetterOf(Topics.MD_TICKS).name())) {
        engine.rawOutput(topic).readRecordsToList()
            .forEach(raw -> recordsByTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(raw.value()));
      }
    }
    // The inputs, as their producers write them.
    recordsByTopic.put(Topics.MD_TICKS.name(), List.of(serialize(Topics.MD_TICKS, tick(minutes(0), 100))));
    recordsByTopic.put(Topics.ORDERS_CLIENT.name(), List.of(serialize(Topics.ORDERS_CLIENT,
        clientBuysCalls("generic-1", 10, minutes(0)))));
    recordsByTopic.put(Topics.FILLS_HEDGE.name(), List.of(serialize(Topics.FILLS_HEDGE,
        Samples.fill("o-1", io.hedgestream.avro.Side.BUY, 10, 100))));
    recordsByTopic.put(Topics.ORDERS_STATUS.name(), List.of(serialize(Topics.ORDERS_STATUS,
        io.hedgestream.avro.OrderStatus.newBuilder().setOrderId("o-1").setBook(Samples.BOOK).setSymbol(SPY)
            .setInstrument(SPY).setSide(io.hedgestream.avro.Side.BUY)
            .setStatus(io.hedgestream.avro.OrderState.PARTIALLY_FILLED).setOrderQuantity(20)
            .setCumulativeQuantity(10).setLeavesQuantity(10).setAveragePrice(100.0).setVenue("paper")
            .setVenueOrderId(null).setReasonCode(null).setReasonText(null).setEventTimeMicros(minutes(0))
            .build())));
    recordsByTopic.put(Topics.POLICY_CONTROL.name(), List.of(serialize(Topics.POLICY_CONTROL,
        Samples.command("c-1", ControlCommand.KILL_SWITCH, Map.of()))));

    for (Topic<String, ?> topic : Topics.ALL) {
      if (topic == Topics.REGIME_EVENTS) {
        continue; // a 30-minute run changes no regime; RegimeChange is read by the released-schema tests
      }
      assertThat(recordsByTopic.get(topic.name())).as(topic.name()).isNotEmpty();
    }
    assertThat(recordsByTopic.get(Topics.deadLetterOf(Topics.MD_TICKS).name())).isNotEmpty();
    for (Map.Entry<String, List<byte[]>> topic : recordsByTopic.entrySet()) {
      for (byte[] value : topic.getValue()) {
        GenericRecord record = decode(byFingerprint, value, topic.getKey());
        for (Schema.Field field : record.getSchema().getFields()) {
          if ("timestamp-micros".equals(logicalType(field.schema()))) {
            assertThat((Instant) record.get(field.name())).as(topic.getKey() + "." + field.name())
                .isBetween(Instant.parse("1980-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"));
          }
        }
      }
    }
  }

  private static GenericRecord decode(Map<Long, Schema> byFingerprint, byte[] value, String topic)
      throws IOException {
    assertThat(value[0]).as(topic + " marker").isEqualTo((byte) 0xC3);
    assertThat(value[1]).as(topic + " marker").isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Schema schema = byFingerprint.get(fingerprint);
    assertThat(schema).as(topic + ": a schema of the .avsc files has the record's fingerprint").isNotNull();
    GenericData data = new GenericData();
    data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null);
    GenericRecord record = new GenericDatumReader<GenericRecord>(schema, schema, data).read(null, decoder);
    assertThat(decoder.isEnd()).as(topic + ": the body decodes completely").isTrue();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema, data).write(record, encoder);
    encoder.flush();
    assertThat(out.toByteArray()).as(topic + ": re-encoded").isEqualTo(Arrays.copyOfRange(value, 10, value.length));
    return record;
  }

  /** Parses every .avsc (the shared types first, as the build does) and indexes the records by fingerprint. */
  private static Map<Long, Schema> schemasFromFiles() throws IOException {
    Schema.Parser parser = new Schema.Parser();
    List<Path> files;
    try (Stream<Path> common = Files.list(AVRO_DIR.resolve("common"))) {
      files = new ArrayList<>(common.sorted((a, b) -> order(a) - order(b)).toList());
    }
    try (Stream<Path> top = Files.list(AVRO_DIR)) {
      top.filter(path -> path.toString().endsWith(".avsc")).sorted().forEach(files::add);
    }
    Map<Long, Schema> byFingerprint = new HashMap<>();
    for (Path file : files) {
      Schema schema = parser.parse(file.toFile());
      if (schema.getType() == Schema.Type.RECORD) {
        byFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema);
      }
    }
    return byFingerprint;
  }

  /** OptionSpec refers to OptionType, so enums first. */
  private static int order(Path file) {
    return file.getFileName().toString().equals("OptionSpec.avsc") ? 1 : 0;
  }

  private static String logicalType(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().map(GenericAvroReadingTest::logicalType).filter(t -> t != null)
          .findFirst().orElse(null);
    }
    return schema.getLogicalType() == null ? null : schema.getLogicalType().getName();
  }

  @SuppressWarnings("unchecked")
  private static <T> byte[] serialize(Topic<String, T> topic, Object value) {
    return topic.valueSerde().serializer().serialize(topic.name(), (T) value);
  }
}
