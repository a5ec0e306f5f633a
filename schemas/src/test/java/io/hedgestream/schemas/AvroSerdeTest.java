package io.hedgestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.SabrParams;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static final Instant NOW = Instant.parse("2026-11-20T14:30:00.123456Z");

  static MarketTick tick() {
    return MarketTick.newBuilder()
        .setSymbol("SPY").setEventTimeMicros(NOW).setBid(449.99).setAsk(450.01).setLast(450.0)
        .setVolume(1200).setAtmImpliedVol(0.18).setRate(0.05).setDividendYield(0.013)
        .setSabr(SabrParams.newBuilder().setAlpha(0.2).setBeta(0.5).setRho(-0.3).setNu(0.6).build())
        .setSource("test").build();
  }

  @Test
  void shouldRoundTripTickWithMicrosecondTime() {
    AvroSerde<MarketTick> serde = AvroSerde.of(MarketTick.class);
    MarketTick decoded = serde.decode(serde.encode(tick()));
    assertThat(decoded).isEqualTo(tick());
    assertThat(decoded.getEventTimeMicros()).isEqualTo(NOW);
  }

  @Test
  void shouldRoundTripThroughKafkaSerializerAndDeserializer() {
    AvroSerde<ClientOrder> serde = AvroSerde.of(ClientOrder.class);
    ClientOrder order = ClientOrder.newBuilder()
        .setOrderId("o-1").setBook("SPY-book-1").setClient("c").setSymbol("SPY")
        .setOption(OptionSpec.newBuilder().setOptionType(OptionType.CALL).setStrike(450)
            .setExpiryMicros(NOW.plusSeconds(30 * 86400)).setMultiplier(100).build())
        .setQuantity(-3).setPremium(9.5).setEventTimeMicros(NOW).build();
    byte[] bytes = serde.serializer().serialize("orders.client", order);
    assertThat(serde.deserializer().deserialize("orders.client", bytes)).isEqualTo(order);
  }

  @Test
  void shouldStartWithSingleObjectMarkerAndFingerprint() {
    byte[] bytes = AvroSerde.of(MarketTick.class).encode(tick());
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
  }

  @Test
  void shouldRejectBytesOfAnotherRecordTypeAsUnknownSchema() {
    byte[] tickBytes = AvroSerde.of(MarketTick.class).encode(tick());
    assertThatThrownBy(() -> AvroSerde.of(ClientOrder.class).decode(tickBytes))
        .isInstanceOf(AvroSerde.UnknownSchemaException.class);
  }

  @Test
  void shouldRejectGarbageAndTruncatedBytes() {
    AvroSerde<MarketTick> serde = AvroSerde.of(MarketTick.class);
    assertThatThrownBy(() -> serde.decode("not avro".getBytes()))
        .isInstanceOf(SerializationException.class);
    byte[] good = serde.encode(tick());
    assertThatThrownBy(() -> serde.decode(Arrays.copyOf(good, good.length - 5)))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.decode(null)).isInstanceOf(SerializationException.class);
  }

  @Test
  void shouldRefuseAStringLengthBeyondTheLimitWithoutAllocatingIt() {
    AvroSerde<MarketTick> serde = AvroSerde.of(MarketTick.class);
    byte[] header = Arrays.copyOf(serde.encode(tick()), 10);
    // The symbol's length prefix claims 1e9 bytes (zig-zag varint): unbounded, Avro would allocate a 1 GB string.
    byte[] hostile = concat(header, zigZagVarint(1_000_000_000L), "SPY".getBytes());
    assertThatThrownBy(() -> serde.decode(hostile))
        .isInstanceOf(SerializationException.class)
        .hasRootCauseInstanceOf(org.apache.avro.SystemLimitException.class);
  }

  @Test
  void shouldRefuseTrailingBytesAfterACompleteRecord() {
    AvroSerde<MarketTick> serde = AvroSerde.of(MarketTick.class);
    byte[] padded = concat(serde.encode(tick()), new byte[] {0, 1, 2});
    assertThatThrownBy(() -> serde.decode(padded))
        .isInstanceOf(AvroSerde.TrailingBytesException.class)
        .hasMessageContaining("3 trailing bytes");
  }

  @Test
  void shouldRefuseARecordLargerThanTheRecordLimitBeforeDecoding() {
    AvroSerde<MarketTick> serde = AvroSerde.of(MarketTick.class);
    byte[] huge = Arrays.copyOf(serde.encode(tick()), AvroLimits.MAX_RECORD_BYTES + 1);
    assertThatThrownBy(() -> serde.decode(huge))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("record limit");
  }

  @Test
  void shouldHaveAvroLimitsInForceOnceASerdeExists() {
    AvroSerde.of(MarketTick.class);
    assertThatThrownBy(() -> org.apache.avro.SystemLimitException.checkMaxStringLength(AvroLimits.MAX_STRING_BYTES + 1L))
        .isInstanceOf(org.apache.avro.SystemLimitException.class);
    assertThatThrownBy(() -> org.apache.avro.SystemLimitException.checkMaxCollectionLength(
        AvroLimits.MAX_COLLECTION_ITEMS + 1L)).isInstanceOf(org.apache.avro.SystemLimitException.class);
  }

  private static byte[] zigZagVarint(long value) {
    long zigZag = (value << 1) ^ (value >> 63);
    byte[] out = new byte[10];
    int n = 0;
    while ((zigZag & ~0x7FL) != 0) {
      out[n++] = (byte) ((zigZag & 0x7F) | 0x80);
      zigZag >>>= 7;
    }
    out[n++] = (byte) zigZag;
    return Arrays.copyOf(out, n);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  @Test
  void shouldRefuseToEncodeRecordMissingRequiredField() {
    MarketTick broken = tick();
    broken.setSymbol(null);
    assertThatThrownBy(() -> AvroSerde.of(MarketTick.class).encode(broken))
        .isInstanceOf(SerializationException.class);
  }
}
