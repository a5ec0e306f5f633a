package io.hedgestream.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.avro.Side;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.input.ClientOrderDecoder;
import io.hedgestream.engine.input.ControlDecoder;
import io.hedgestream.engine.input.Decoded;
import io.hedgestream.engine.input.EngineInput;
import io.hedgestream.engine.input.FillDecoder;
import io.hedgestream.engine.input.InputLimits;
import io.hedgestream.engine.input.OrderStatusDecoder;
import io.hedgestream.engine.input.RawRecord;
import io.hedgestream.engine.input.RecordDecoder;
import io.hedgestream.engine.input.Rejection;
import io.hedgestream.engine.input.TickDecoder;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.policy.PolicyRegistry;
import io.hedgestream.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fuzz target shared by {@link InputFuzzTest} (short, in the default build) and {@link InputLongFuzzTest}
 * (behind a flag): every input decoder and the stateful market checks, fed either raw bytes (behind a valid
 * single-object header half the time, so the fuzzer reaches the Avro decoder) or schema-valid records whose
 * fields the fuzzer picks (NaN, infinities, extremes and ordinary values). Jazzer runs one fuzz test per JVM,
 * so one target covers them all, chosen by the first byte.
 *
 * <p>The oracle: nothing throws (an Error such as OutOfMemoryError included), and a record that is accepted
 * meets every bound of {@link InputLimits}: whatever the fuzzer finds that is accepted yet absurd is a finding.
 */
final class InputFuzzing {

  private static final InputLimits LIMITS = InputLimits.DEFAULTS;
  private static final String SYMBOL = "SPY";
  private static final Instant T0 = Instant.parse("2025-01-02T14:30:00Z");
  private static final long NOW = EpochMicros.of(T0);
  private static final TickDecoder TICKS = new TickDecoder(LIMITS);
  private static final ClientOrderDecoder CLIENT_ORDERS = new ClientOrderDecoder(LIMITS);
  private static final FillDecoder FILLS = new FillDecoder(LIMITS);
  private static final ControlDecoder CONTROLS = new ControlDecoder(PolicyRegistry.around(new DeltaHedgePolicy()),
      LIMITS);
  private static final OrderStatusDecoder STATUSES = new OrderStatusDecoder(LIMITS);
  private static final List<RecordDecoder<?>> DECODERS = List.of(TICKS, CLIENT_ORDERS, FILLS, CONTROLS, STATUSES);
  private static final MarketTick LAST_TICK = MarketTick.newBuilder().setSymbol(SYMBOL).setEventTimeMicros(T0)
      .setBid(99.99).setAsk(100.01).setLast(100).setVolume(100).setAtmImpliedVol(0.2).setRate(0.03)
      .setDividendYield(0.01).setSabr(null).setSource("fuzz").build();
  private static final MarketSnapshot MARKET = MarketSnapshot.of(LAST_TICK);
  private static final MarketAdmission ADMISSION = new MarketAdmission(LIMITS);
  private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
      1e300, -1e300, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 1, -1, 100, 1e12, 1e-12};

  private InputFuzzing() {}

  /** One fuzz input. */
  static void fuzzOne(FuzzedDataProvider data) {
    int mode = data.consumeInt(0, 9);
    switch (mode) {
      case 0, 1, 2, 3, 4 -> rawBytes(DECODERS.get(mode), data);
      case 5 -> tick(data);
      case 6 -> clientOrder(data);
      case 7 -> fill(data);
      case 8 -> status(data);
      default -> control(data);
    }
  }

  private static void rawBytes(RecordDecoder<?> decoder, FuzzedDataProvider data) {
    boolean header = data.consumeBoolean();
    byte[] key = data.consumeBoolean() ? null : data.consumeAsciiString(8).getBytes(StandardCharsets.UTF_8);
    byte[] body = data.consumeRemainingAsBytes();
    byte[] value = header ? concat(headerOf(decoder.topic()), body) : body;
    Decoded decoded = decoder.decode(new RawRecord(decoder.topic().name(), 0, 0, key, value), NOW);
    if (decoded instanceof Decoded.Accepted accepted) {
      checkAccepted(accepted.input());
    }
  }

  private static void tick(FuzzedDataProvider data) {
    MarketTick.Builder tick = MarketTick.newBuilder().setSymbol(data.consumeBoolean() ? SYMBOL : data.consumeString(6))
        .setEventTimeMicros(instant(data)).setBid(number(data)).setAsk(number(data)).setLast(number(data))
        .setVolume(number(data)).setAtmImpliedVol(number(data)).setRate(number(data))
        .setDividendYield(number(data)).setSource("fuzz");
    tick.setSabr(data.consumeBoolean() ? null
        : new SabrParams(number(data), number(data), number(data), number(data)));
    EngineInput accepted = decodeValue(TICKS, tick.build(), data);
    if (accepted instanceof EngineInput.Tick valid) {
      checkAccepted(valid);
      Rejection refused = ADMISSION.tick(valid, MARKET);
      if (refused == null) {
        assertThat(valid.eventMicros()).isBetween(MARKET.eventMicros(), MARKET.eventMicros()
            + LIMITS.maxEventLeadMicros());
        double ratio = 0.5 * (valid.tick().getBid() + valid.tick().getAsk()) / MARKET.mid();
        assertThat(ratio).isBetween(1 / (1 + LIMITS.maxPriceJump()), 1 + LIMITS.maxPriceJump());
      }
    }
  }

  private static void clientOrder(FuzzedDataProvider data) {
    OptionSpec option = new OptionSpec(data.consumeBoolean() ? OptionType.CALL : OptionType.PUT, number(data),
        instant(data), number(data));
    ClientOrder order = ClientOrder.newBuilder().setOrderId(data.consumeString(8)).setBook("desk-1").setClient("c")
        .setSymbol(SYMBOL).setOption(option).setQuantity(number(data)).setPremium(number(data))
        .setEventTimeMicros(instant(data)).build();
    EngineInput accepted = decodeValue(CLIENT_ORDERS, order, data);
    if (accepted instanceof EngineInput.ClientTrade valid) {
      checkAccepted(valid);
      if (ADMISSION.clientOrder(valid.order(), MARKET) == null) {
        double moneyness = valid.order().getOption().getStrike() / MARKET.mid();
        assertThat(moneyness).isBetween(1 / LIMITS.strikeRange(), LIMITS.strikeRange());
        assertThat(EpochMicros.of(valid.order().getOption().getExpiryMicros())).isGreaterThan(MARKET.eventMicros());
        assertThat(valid.order().getPremium()).isLessThan(MARKET.mid() * 100);
      }
    }
  }

  private static void fill(FuzzedDataProvider data) {
    Fill fill = Fill.newBuilder().setFillId(data.consumeString(6)).setOrderId(data.consumeString(6)).setBook("desk-1")
        .setSymbol(SYMBOL).setInstrument(SYMBOL).setSide(data.consumeBoolean() ? Side.BUY : Side.SELL)
        .setQuantity(number(data)).setPrice(number(data)).setFee(number(data)).setLeavesQuantity(number(data))
        .setVenue("fuzz").setEventTimeMicros(instant(data)).build();
    EngineInput accepted = decodeValue(FILLS, fill, data);
    if (accepted != null) {
      checkAccepted(accepted);
    }
  }

  private static void status(FuzzedDataProvider data) {
    OrderStatus status = OrderStatus.newBuilder().setOrderId(data.consumeString(6)).setBook("desk-1")
        .setSymbol(SYMBOL).setInstrument(SYMBOL).setSide(data.consumeBoolean() ? Side.BUY : Side.SELL)
        .setStatus(data.pickValue(OrderState.values())).setOrderQuantity(number(data))
        .setCumulativeQuantity(number(data)).setLeavesQuantity(number(data))
        .setAveragePrice(data.consumeBoolean() ? null : number(data)).setVenue("fuzz").setVenueOrderId(null)
        .setReasonCode(data.consumeBoolean() ? null : data.consumeString(8)).setReasonText(null)
        .setEventTimeMicros(instant(data)).build();
    EngineInput accepted = decodeValue(STATUSES, status, data);
    if (accepted != null) {
      checkAccepted(accepted);
    }
  }

  private static void control(FuzzedDataProvider data) {
    Map<String, Double> limits = new HashMap<>();
    int count = data.consumeInt(0, 3);
    for (int i = 0; i < count; i++) {
      limits.put(data.pickValue(List.of(ControlDecoder.MAX_POSITION, ControlDecoder.MAX_ORDER_QUANTITY, "other")),
          number(data));
    }
    PolicyControl command = PolicyControl.newBuilder().setCommandId(data.consumeString(6))
        .setCommand(data.pickValue(ControlCommand.values())).setPolicyVersion(data.consumeString(8))
        .setModelPath(data.consumeString(16)).setSha256(null).setLimits(limits).setOperator("fuzz")
        .setEventTimeMicros(instant(data)).build();
    EngineInput accepted = decodeValue(CONTROLS, command, data);
    if (accepted instanceof EngineInput.Control valid) {
      checkAccepted(valid);
      assertThat(valid.command().getCommand()).as("a model path the fuzzer made up is never activated")
          .isNotEqualTo(ControlCommand.ACTIVATE_MODEL);
    }
  }

  /** Serializes {@code value} as its producer would (with a key the fuzzer may spoil) and decodes it. */
  private static <T> EngineInput decodeValue(RecordDecoder<T> decoder, T value, FuzzedDataProvider data) {
    byte[] bytes = decoder.topic().valueSerde().serializer().serialize(decoder.topic().name(), value);
    String key = data.consumeBoolean() ? SYMBOL : data.consumeString(4);
    Decoded decoded = decoder.decode(new RawRecord(decoder.topic().name(), 0, 0,
        key.getBytes(StandardCharsets.UTF_8), bytes), NOW);
    return decoded instanceof Decoded.Accepted accepted ? accepted.input() : null;
  }

  /** What every accepted record must satisfy, whatever produced it. */
  private static void checkAccepted(EngineInput input) {
    if (input instanceof EngineInput.Tick valid) {
      MarketTick tick = valid.tick();
      for (double price : new double[] {tick.getBid(), tick.getAsk(), tick.getLast()}) {
        assertThat(price).isBetween(LIMITS.minPrice(), LIMITS.maxPrice());
      }
      assertThat(tick.getBid()).isLessThanOrEqualTo(tick.getAsk());
      assertThat(tick.getAtmImpliedVol()).isBetween(LIMITS.minVol(), LIMITS.maxVol());
      assertThat(Math.abs(tick.getRate())).isLessThanOrEqualTo(LIMITS.maxAbsRate());
      assertThat(Math.abs(tick.getDividendYield())).isLessThanOrEqualTo(LIMITS.maxAbsRate());
      assertThat(tick.getVolume()).isFinite().isGreaterThanOrEqualTo(0);
      inRange(valid.eventMicros());
    } else if (input instanceof EngineInput.ClientTrade valid) {
      ClientOrder order = valid.order();
      assertThat(Math.abs(order.getQuantity())).isGreaterThan(0).isLessThanOrEqualTo(LIMITS.maxClientContracts());
      assertThat(order.getOption().getMultiplier()).isGreaterThan(0).isLessThanOrEqualTo(LIMITS.maxMultiplier());
      assertThat(order.getOption().getStrike()).isFinite().isGreaterThan(0);
      assertThat(order.getPremium()).isFinite().isGreaterThanOrEqualTo(0);
      long time = EpochMicros.of(order.getEventTimeMicros());
      inRange(time);
      long expiry = EpochMicros.of(order.getOption().getExpiryMicros());
      assertThat(expiry).isGreaterThan(time);
      assertThat(expiry - time).isLessThanOrEqualTo(LIMITS.maxExpiryHorizonMicros());
    } else if (input instanceof EngineInput.HedgeFill valid) {
      Fill fill = valid.fill();
      assertThat(fill.getQuantity()).isFinite().isGreaterThan(0);
      assertThat(fill.getPrice()).isFinite().isGreaterThan(0);
      assertThat(fill.getFee()).isFinite().isGreaterThanOrEqualTo(0);
      inRange(EpochMicros.of(fill.getEventTimeMicros()));
    } else if (input instanceof EngineInput.HedgeOrderStatus valid) {
      OrderStatus status = valid.status();
      assertThat(status.getOrderQuantity()).isFinite().isGreaterThan(0);
      assertThat(status.getCumulativeQuantity()).isFinite().isGreaterThanOrEqualTo(0)
          .isLessThanOrEqualTo(status.getOrderQuantity() * (1 + 1e-9));
      assertThat(status.getLeavesQuantity()).isFinite().isGreaterThanOrEqualTo(0);
      if (status.getAveragePrice() != null) {
        assertThat(status.getAveragePrice()).isFinite().isGreaterThan(0);
      }
      inRange(EpochMicros.of(status.getEventTimeMicros()));
    } else if (input instanceof EngineInput.Control valid) {
      assertThat(valid.command().getCommandId()).isNotBlank();
      inRange(EpochMicros.of(valid.command().getEventTimeMicros()));
      if (valid.command().getCommand() == ControlCommand.SET_LIMITS) {
        assertThat(valid.command().getLimits()).isNotEmpty();
        valid.command().getLimits().values().forEach(limit -> assertThat(limit).isFinite().isGreaterThan(0));
      }
    }
  }

  private static void inRange(long eventMicros) {
    assertThat(eventMicros).isBetween(LIMITS.minEventMicros(), LIMITS.maxEventMicros());
  }

  /** A value the fuzzer picks: one of the special values or any double, near 100 a third of the time. */
  private static double number(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 2)) {
      case 0 -> data.pickValue(SPECIAL);
      case 1 -> data.consumeDouble();
      default -> 100 * (1 + data.consumeRegularDouble(-1, 1));
    };
  }

  /** An event time: any long of microseconds, or one within a year of the market's time. */
  private static Instant instant(FuzzedDataProvider data) {
    long micros = switch (data.consumeInt(0, 2)) {
      case 0 -> data.pickValue(new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, 0, -1});
      case 1 -> data.consumeLong();
      default -> NOW + data.consumeLong(-366L * 86_400_000_000L, 366L * 86_400_000_000L);
    };
    return EpochMicros.toInstant(micros);
  }

  /** The single-object header (marker and schema fingerprint) of the topic's records. */
  private static byte[] headerOf(Topic<String, ?> topic) {
    return HEADERS.get(topic.name());
  }

  private static final Map<String, byte[]> HEADERS = Map.of(
      TICKS.topic().name(), Arrays.copyOf(TICKS.topic().valueSerde().serializer().serialize(TICKS.topic().name(),
          LAST_TICK), 10),
      CLIENT_ORDERS.topic().name(), Arrays.copyOf(CLIENT_ORDERS.topic().valueSerde().serializer().serialize(
          CLIENT_ORDERS.topic().name(), ClientOrder.newBuilder().setOrderId("o").setBook("b").setClient("c")
              .setSymbol(SYMBOL).setOption(new OptionSpec(OptionType.CALL, 100.0, T0, 100.0)).setQuantity(1)
              .setPremium(1).setEventTimeMicros(T0).build()), 10),
      FILLS.topic().name(), Arrays.copyOf(FILLS.topic().valueSerde().serializer().serialize(FILLS.topic().name(),
          Fill.newBuilder().setFillId("f").setOrderId("o").setBook("b").setSymbol(SYMBOL).setInstrument(SYMBOL)
              .setSide(Side.BUY).setQuantity(1).setPrice(1).setFee(0).setEventTimeMicros(T0).build()), 10),
      CONTROLS.topic().name(), Arrays.copyOf(CONTROLS.topic().valueSerde().serializer().serialize(
          CONTROLS.topic().name(), PolicyControl.newBuilder().setCommandId("c").setCommand(ControlCommand.RESUME)
              .setEventTimeMicros(T0).build()), 10),
      STATUSES.topic().name(), Arrays.copyOf(STATUSES.topic().valueSerde().serializer().serialize(
          STATUSES.topic().name(), OrderStatus.newBuilder().setOrderId("o").setBook("b").setSymbol(SYMBOL)
              .setInstrument(SYMBOL).setSide(Side.BUY).setStatus(OrderState.NEW).setOrderQuantity(1)
              .setCumulativeQuantity(0).setLeavesQuantity(1).setVenue("v").setEventTimeMicros(T0).build()), 10));

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
