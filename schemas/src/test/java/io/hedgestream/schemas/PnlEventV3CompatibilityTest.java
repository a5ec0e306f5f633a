package io.hedgestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.PnlEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Release v3 added the per-instrument split of PnlEvent's hedge PnL and costs: readers of v3 must read
 * events written by v1 and v2 engines with both maps empty (their default) and every older figure intact,
 * and v3 writers' maps must survive the production serde. Release v4 added the released orders: empty when
 * read from v1-v3 writers.
 */
class PnlEventV3CompatibilityTest {

  private static final String PNL_EVENT = "io.hedgestream.avro.PnlEvent";
  private static final Schema RELEASED_V3 = ReleasedSchemas.all().get("v3").get(PNL_EVENT);

  @Test
  void currentWritersEmitTheLatestReleasedFingerprint() {
    // Single-object encoding tags bytes with the parsing-form fingerprint; equal forms mean equal bytes.
    Schema latest = null;
    for (Map<String, Schema> release : ReleasedSchemas.all().values()) {
      latest = release.get(PNL_EVENT);
    }
    assertThat(SchemaNormalization.parsingFingerprint64(latest))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(PnlEvent.getClassSchema()));
    assertThat(RELEASED_V3.getField("hedgePnlByInstrument").defaultVal()).isEqualTo(Map.of());
    assertThat(RELEASED_V3.getField("costsByInstrument").defaultVal()).isEqualTo(Map.of());
  }

  @ParameterizedTest(name = "production serde, {0} writer: no released orders")
  @ValueSource(strings = {"v1", "v2", "v3"})
  void productionSerdeDecodesWritersBeforeV4WithNoReleasedOrders(String version) throws IOException {
    Schema writer = ReleasedSchemas.all().get(version).get(PNL_EVENT);
    Random random = new Random(version.hashCode() + 2);
    AvroSerde<PnlEvent> serde = AvroSerde.of(PnlEvent.class);
    for (int i = 0; i < 20; i++) {
      GenericRecord old = (GenericRecord) RandomRecords.of(writer, random);
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(old);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      PnlEvent decoded = serde.decode(bytes);
      assertThat(decoded.getReleasedOrders()).isEmpty();
      assertThat(decoded.getStepPnl()).isEqualTo(old.get("stepPnl"));
    }
  }

  @ParameterizedTest(name = "v3 reader, {0} writer")
  @ValueSource(strings = {"v1", "v2"})
  void releasedV3ReaderReadsOlderWritersWithEmptySplits(String version) throws IOException {
    Schema writer = ReleasedSchemas.all().get(version).get(PNL_EVENT);
    Random random = new Random(version.hashCode());
    for (int i = 0; i < 20; i++) {
      GenericRecord old = (GenericRecord) RandomRecords.of(writer, random);
      GenericRecord read = new GenericDatumReader<GenericRecord>(writer, RELEASED_V3)
          .read(null, DecoderFactory.get().binaryDecoder(plainBinary(writer, old), null));

      assertThat((Map<?, ?>) read.get("hedgePnlByInstrument")).isEmpty();
      assertThat((Map<?, ?>) read.get("costsByInstrument")).isEmpty();
      for (Schema.Field field : writer.getFields()) {
        assertThat(plain(read.get(field.name()))).as("%s.%s", version, field.name())
            .isEqualTo(plain(old.get(field.name())));
      }
    }
  }

  @ParameterizedTest(name = "production serde, {0} writer")
  @ValueSource(strings = {"v1", "v2"})
  void productionSerdeDecodesOlderWritersWithEmptySplits(String version) throws IOException {
    Schema writer = ReleasedSchemas.all().get(version).get(PNL_EVENT);
    Random random = new Random(version.hashCode() + 1);
    AvroSerde<PnlEvent> serde = AvroSerde.of(PnlEvent.class);
    for (int i = 0; i < 20; i++) {
      GenericRecord old = (GenericRecord) RandomRecords.of(writer, random);
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(old);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);

      PnlEvent decoded = serde.decode(bytes);

      assertThat(decoded.getHedgePnlByInstrument()).isEmpty();
      assertThat(decoded.getCostsByInstrument()).isEmpty();
      assertThat(decoded.getHedgePnl()).isEqualTo(old.get("hedgePnl"));
      assertThat(decoded.getCosts()).isEqualTo(old.get("costs"));
      assertThat(decoded.getStepPnl()).isEqualTo(old.get("stepPnl"));
      assertThat(decoded.getBook()).isEqualTo(old.get("book").toString());
      assertThat(decoded.getPositions()).isEqualTo(plain(old.get("positions")));
    }
  }

  @Test
  void v3SplitsRoundTripThroughTheProductionSerde() {
    PnlEvent event = PnlEvent.newBuilder()
        .setBook("b").setSymbol("SPY").setDecisionId("b:SPY:2").setStep(2).setEventTimeMicros(Instant.EPOCH)
        .setSpot(100).setMarkToMarket(-3).setOptionPnl(-10).setHedgePnl(8.5).setCosts(1.5).setStepPnl(-3)
        .setCumulativePnl(-3).setDelta(0).setGamma(0).setVega(0).setTheta(0)
        .setPositions(Map.of("SPY", 200.0, "SPY-20250201-C-100", 4.0))
        .setHedgePnlByInstrument(Map.of("SPY", 6.0, "SPY-20250201-C-100", 2.5))
        .setCostsByInstrument(Map.of("SPY", 0.0, "SPY-20250201-C-100", 1.5))
        .setPolicyVersion("v").build();
    AvroSerde<PnlEvent> serde = AvroSerde.of(PnlEvent.class);

    PnlEvent decoded = serde.decode(serde.encode(event));

    assertThat(decoded).isEqualTo(event);
    assertThat(decoded.getHedgePnlByInstrument()).containsEntry("SPY-20250201-C-100", 2.5);
  }

  /** A value with Avro's Utf8 strings as Java strings and maps as sorted maps, so writer and reader values compare. */
  private static Object plain(Object value) {
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((key, item) -> out.put(key.toString(), plain(item)));
      return out;
    }
    return value;
  }

  private static byte[] plainBinary(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
