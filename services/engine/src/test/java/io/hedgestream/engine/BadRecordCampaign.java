package io.hedgestream.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.avro.Side;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A seeded campaign of bad records through the real topology (TopologyTestDriver): random bytes, a valid
 * header before garbage, truncated records, trailing bytes, bit flips, schema-valid absurd values and time bombs,
 * on every input topic, interleaved with a valid market (two symbols, client orders, the fills of every hedge
 * order). The same valid stream runs alone as the reference. What must hold: nothing throws, every bad record
 * is on its topic's dead-letter queue (byte for byte) with a code and a reason, no valid record is, and the hedge
 * orders and PnL events are exactly the reference's — so the bad records caused no order and changed no decision.
 *
 * <p>Bad records start after the first step: a symbol's very first tick has no market to be judged against
 * (no latest time, no last mid), so only the static bounds and, live, the wall clock can refuse it; a
 * plausible-looking first tick three times the true price would be believed, and the campaign does not pretend
 * otherwise.
 */
final class BadRecordCampaign {

  /** The kinds of bad record. */
  enum Kind { RANDOM_BYTES, HEADER_THEN_GARBAGE, TRUNCATED, TRAILING_BYTES, BIT_FLIP, ABSURD_VALUE, TIME_BOMB }

  private static final List<String> SYMBOLS = List.of("SPY", "QQQ");
  private static final Instant START = Instant.parse("2025-01-02T14:30:00Z");
  private static final List<Topic<String, ?>> INPUTS = List.of(Topics.MD_TICKS, Topics.ORDERS_CLIENT,
      Topics.FILLS_HEDGE, Topics.POLICY_CONTROL);
  private static final Instant YEAR_2200 = Instant.parse("2200-01-01T00:00:00Z");

  private final long seed;
  private final int steps;
  private final int badPerStep;
  private final SplittableRandom random;
  private final Map<String, Double> mids = new HashMap<>();
  private final Map<String, List<byte[]>> sent = new HashMap<>();
  private final Map<Kind, Integer> byKind = new TreeMap<>();
  private final Map<String, Integer> byTopic = new TreeMap<>();
  private int bitFlipsStillValid;
  private int badId;
  private MarketTick lastTick;
  private ClientOrder lastOrder;
  private Fill lastFill;

  /**
   * @param seed seeds the valid market and the bad records
   * @param steps market steps (one tick per symbol each, a minute apart)
   * @param badPerStep bad records per step (so steps x badPerStep in all)
   */
  BadRecordCampaign(long seed, int steps, int badPerStep) {
    this.seed = seed;
    this.steps = steps;
    this.badPerStep = badPerStep;
    this.random = new SplittableRandom(seed);
  }

  /** What a run published. */
  record Outputs(List<HedgeOrder> orders, List<PnlEvent> pnl, Map<String, List<DeadLetter>> deadLetters,
      List<String> crashes, long validRecords) {}

  /**
   * The campaign's result.
   *
   * @param result the figures, as written to the results file
   * @param faulty what the run with bad records published
   * @param reference what the valid stream alone published
   * @param unmatched bad records with no dead letter of the same bytes (should be none)
   */
  record Result(Map<String, Object> result, Outputs faulty, Outputs reference, List<String> unmatched) {}

  /** Runs the reference and the campaign and compares them. */
  Result run() {
    long started = System.nanoTime();
    Outputs reference = replay(false);
    double referenceSeconds = (System.nanoTime() - started) / 1e9;
    started = System.nanoTime();
    Outputs faulty = replay(true);
    double seconds = (System.nanoTime() - started) / 1e9;

    List<String> unmatched = new ArrayList<>();
    Map<String, Integer> codes = new TreeMap<>();
    int blankReasons = 0;
    int deadLetters = 0;
    for (Topic<String, ?> topic : INPUTS) {
      Map<String, Integer> expected = new HashMap<>();
      for (byte[] value : sent.getOrDefault(topic.name(), List.of())) {
        expected.merge(fingerprint(value), 1, Integer::sum);
      }
      for (DeadLetter dead : faulty.deadLetters().getOrDefault(topic.name(), List.of())) {
        deadLetters++;
        codes.merge(dead.getErrorType(), 1, Integer::sum);
        if (dead.getError().isBlank() || dead.getErrorType().isBlank()) {
          blankReasons++;
        }
        String print = fingerprint(dead.getValue() == null ? null : bytes(dead.getValue()));
        if (expected.merge(print, -1, Integer::sum) < 0) {
          unmatched.add("dead letter of a record that was not bad on " + topic.name() + ": " + dead.getErrorType()
              + " " + dead.getError());
        }
      }
      expected.forEach((print, left) -> {
        if (left > 0) {
          unmatched.add(left + " bad record(s) on " + topic.name() + " without a dead letter: " + print);
        }
      });
    }
    int bad = byKind.values().stream().mapToInt(Integer::intValue).sum();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("measuredAt", Instant.now().toString());
    out.put("command", "mvn -pl services/engine test -Dtest=BadRecordCampaignTest");
    out.put("seed", seed);
    out.put("steps", steps);
    out.put("badRecords", bad);
    out.put("validRecords", faulty.validRecords());
    out.put("badByKind", byKind);
    out.put("badByTopic", byTopic);
    out.put("bitFlipsThatStillDecodedAndWereNotSent", bitFlipsStillValid);
    out.put("crashes", faulty.crashes().size());
    out.put("deadLetters", deadLetters);
    out.put("deadLettersByCode", codes);
    out.put("deadLettersWithoutReason", blankReasons);
    out.put("badRecordsWithoutTheirDeadLetter", unmatched.size());
    out.put("dlqShare", bad == 0 ? 0 : (double) (deadLetters - unmatched.size()) / bad);
    out.put("hedgeOrders", Map.of("reference", reference.orders().size(), "withBadRecords", faulty.orders().size(),
        "identical", reference.orders().equals(faulty.orders())));
    out.put("pnlEvents", Map.of("reference", reference.pnl().size(), "withBadRecords", faulty.pnl().size(),
        "identical", reference.pnl().equals(faulty.pnl())));
    out.put("referenceDeadLetters", reference.deadLetters().values().stream().mapToInt(List::size).sum());
    out.put("seconds", Math.round(seconds * 10) / 10.0);
    out.put("referenceSeconds", Math.round(referenceSeconds * 10) / 10.0);
    out.put("badRecordsPerSecond", Math.round(bad / Math.max(1e-9, seconds - referenceSeconds)));
    out.put("protocol", "bad records start at step 1, after each symbol's first valid tick; per step ~half before "
        + "the valid ticks and client orders, the rest after the engine's hedge orders and before their fills");
    out.put("engine", "TopologyTestDriver over HedgeTopology, in-memory stores, delta policy, decision interval "
        + "PT1M, engine.input.* defaults");
    return new Result(out, faulty, reference, unmatched);
  }

  /** Writes the figures as JSON. */
  static void write(Map<String, Object> result, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), result);
  }

  private Outputs replay(boolean withBadRecords) {
    SplittableRandom market = new SplittableRandom(seed * 31 + 7);
    mids.clear();
    SYMBOLS.forEach(symbol -> mids.put(symbol, 100.0));
    List<HedgeOrder> orders = new ArrayList<>();
    List<PnlEvent> pnl = new ArrayList<>();
    List<String> crashes = new ArrayList<>();
    long valid = 0;
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      Map<String, org.apache.kafka.streams.TestInputTopic<byte[], byte[]>> raw = new HashMap<>();
      for (Topic<String, ?> topic : INPUTS) {
        raw.put(topic.name(), engine.raw(topic));
      }
      for (int step = 0; step < steps; step++) {
        Instant time = START.plus(Duration.ofMinutes(step));
        List<Runnable> validRecords = new ArrayList<>();
        if (step % 40 == 0) {
          for (String symbol : SYMBOLS) {
            double strike = Math.round(mids.get(symbol));
            double quantity = (market.nextBoolean() ? 1 : -1) * (1 + market.nextInt(20));
            ClientOrder order = Samples.orderBuilder("client-" + symbol + "-" + step,
                market.nextBoolean() ? OptionType.CALL : OptionType.PUT, strike, quantity, time)
                .setSymbol(symbol).build();
            validRecords.add(() -> engine.order(order));
            lastOrder = order;
          }
        }
        for (String symbol : SYMBOLS) {
          double mid = mids.get(symbol) * Math.exp(0.002 * gaussian(market));
          mids.put(symbol, mid);
          MarketTick tick = Samples.tickBuilder(symbol, time, mid).build();
          validRecords.add(() -> engine.tick(tick));
          lastTick = tick;
        }
        for (Runnable record : validRecords) {
          if (withBadRecords && step > 0) {
            sendBad(raw, time, badPerStep / (2 * validRecords.size()), crashes, List.of());
          }
          guard(record, crashes);
          valid++;
        }
        List<HedgeOrder> placed = engine.drainOrders();
        orders.addAll(placed);
        if (withBadRecords && step > 0) {
          sendBad(raw, time, badPerStep - badPerStep / (2 * validRecords.size()) * validRecords.size(), crashes,
              placed);
        }
        for (HedgeOrder order : placed) {
          Fill fill = Samples.fillOf(order, "fill-" + order.getOrderId(), order.getQuantity(),
              mids.get(order.getSymbol()), 0.0);
          guard(() -> engine.fill(fill), crashes);
          lastFill = fill;
          valid++;
        }
        pnl.addAll(engine.drainPnl());
      }
      orders.addAll(engine.drainOrders());
      pnl.addAll(engine.drainPnl());
      Map<String, List<DeadLetter>> dead = new HashMap<>();
      for (Topic<String, ?> topic : INPUTS) {
        dead.put(topic.name(), engine.deadLetters(topic).readRecordsToList().stream().map(TestRecord::value).toList());
      }
      return new Outputs(orders, pnl, dead, crashes, valid);
    }
  }

  private static void guard(Runnable record, List<String> crashes) {
    try {
      record.run();
    } catch (RuntimeException | Error e) {
      crashes.add(e.toString());
    }
  }

  private void sendBad(Map<String, org.apache.kafka.streams.TestInputTopic<byte[], byte[]>> raw, Instant time,
      int count, List<String> crashes, List<HedgeOrder> pending) {
    for (int i = 0; i < count; i++) {
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      Bad bad = make(kind, time, pending);
      byKind.merge(kind, 1, Integer::sum);
      byTopic.merge(bad.topic().name(), 1, Integer::sum);
      sent.computeIfAbsent(bad.topic().name(), t -> new ArrayList<>()).add(bad.value());
      guard(() -> raw.get(bad.topic().name()).pipeInput(bad.key(), bad.value()), crashes);
    }
  }

  private record Bad(Topic<String, ?> topic, byte[] key, byte[] value) {}

  private Bad make(Kind kind, Instant time, List<HedgeOrder> pending) {
    Topic<String, ?> topic = INPUTS.get(random.nextInt(INPUTS.size()));
    String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
    byte[] key = symbol.getBytes(StandardCharsets.UTF_8);
    return switch (kind) {
      case RANDOM_BYTES -> random.nextInt(20) == 0 ? new Bad(topic, key, null)
          : new Bad(topic, random.nextBoolean() ? key : randomBytes(random.nextInt(12)), randomBytes(random.nextInt(300)));
      case HEADER_THEN_GARBAGE -> new Bad(topic, key, concat(Arrays.copyOf(validBytes(topic), 10),
          randomBytes(random.nextInt(200))));
      case TRUNCATED -> {
        byte[] whole = validBytes(topic);
        yield new Bad(topic, key, Arrays.copyOf(whole, random.nextInt(whole.length)));
      }
      case TRAILING_BYTES -> new Bad(topic, key, concat(validBytes(topic), randomBytes(1 + random.nextInt(16))));
      case BIT_FLIP -> bitFlip(topic, key);
      case ABSURD_VALUE -> absurd(topic, symbol, time, pending);
      case TIME_BOMB -> timeBomb(topic, symbol, time);
    };
  }

  /** Bit flips of a valid record that no longer decode (a flip that still decodes is a valid record: not sent). */
  private Bad bitFlip(Topic<String, ?> topic, byte[] key) {
    while (true) {
      byte[] value = validBytes(topic);
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        int bit = random.nextInt(value.length * 8);
        value[bit / 8] ^= (byte) (1 << (bit % 8));
      }
      try {
        topic.valueSerde().deserializer().deserialize(topic.name(), value);
        bitFlipsStillValid++;
      } catch (RuntimeException undecodable) {
        return new Bad(topic, key, value);
      }
    }
  }

  private Bad absurd(Topic<String, ?> topic, String symbol, Instant time, List<HedgeOrder> pending) {
    double mid = mids.get(symbol);
    if (topic == Topics.MD_TICKS) {
      MarketTick.Builder tick = Samples.tickBuilder(symbol, time, mid);
      List<Function<MarketTick.Builder, MarketTick.Builder>> absurd = List.of(
          t -> t.setBid(Double.NaN), t -> t.setAsk(Double.POSITIVE_INFINITY),
          t -> t.setBid(1e300).setAsk(1e300).setLast(1e300), t -> t.setBid(1e-300).setAsk(1e-300).setLast(1e-300),
          t -> t.setBid(-mid), t -> t.setBid(mid * 1.01).setAsk(mid * 0.99),
          t -> t.setBid(mid * 0.6).setAsk(mid * 1.4), t -> t.setLast(mid * 1.5),
          t -> t.setAtmImpliedVol(1e6), t -> t.setAtmImpliedVol(0), t -> t.setAtmImpliedVol(Double.NaN),
          t -> t.setRate(1e6), t -> t.setRate(Double.NaN), t -> t.setDividendYield(5), t -> t.setVolume(-1),
          t -> t.setVolume(Double.NaN), t -> t.setBid(mid * 3 - 0.01).setAsk(mid * 3 + 0.01).setLast(mid * 3),
          t -> t.setBid(mid / 3 - 0.01).setAsk(mid / 3 + 0.01).setLast(mid / 3), t -> t.setSymbol(""),
          t -> t.setSymbol(other(symbol)), t -> t.setSabr(new SabrParams(-1.0, 1.0, 0.0, 0.5)),
          t -> t.setSabr(new SabrParams(0.3, 1.0, 2.0, 0.5)));
      return encode(topic, symbol, absurd.get(random.nextInt(absurd.size())).apply(tick).build());
    }
    if (topic == Topics.ORDERS_CLIENT) {
      ClientOrder.Builder order = Samples.orderBuilder("bad-" + ++badId, OptionType.CALL, Math.round(mid), 5, time)
          .setSymbol(symbol);
      Instant expiry = order.getOption().getExpiryMicros();
      List<Function<ClientOrder.Builder, ClientOrder.Builder>> absurd = List.of(
          o -> o.setQuantity(1e12), o -> o.setQuantity(-1e12), o -> o.setQuantity(0), o -> o.setQuantity(Double.NaN),
          o -> o.setOption(option(o, 1e9, mid, expiry)), o -> o.setOption(option(o, 0, mid, expiry)),
          o -> o.setPremium(1e15), o -> o.setPremium(-1), o -> o.setPremium(Double.NaN), o -> o.setPremium(mid / 2),
          o -> o.setOption(option(o, 100, 1e9, expiry)), o -> o.setOption(option(o, 100, 1e-9, expiry)),
          o -> o.setOption(option(o, 100, mid * 20, expiry)), o -> o.setOption(option(o, 100, Double.NaN, expiry)),
          o -> o.setOption(option(o, 100, mid, Instant.parse("9999-12-31T00:00:00Z"))),
          o -> o.setOption(option(o, 100, mid, time.minus(Duration.ofDays(1)))), o -> o.setOrderId(""),
          o -> o.setSymbol(other(symbol)));
      return encode(topic, symbol, absurd.get(random.nextInt(absurd.size())).apply(order).build());
    }
    if (topic == Topics.FILLS_HEDGE) {
      if (!pending.isEmpty() && random.nextBoolean()) {
        HedgeOrder order = pending.get(random.nextInt(pending.size()));
        Fill.Builder fill = Fill.newBuilder(Samples.fillOf(order, "bad-fill-" + ++badId, order.getQuantity(),
            mids.get(order.getSymbol()), 0.0));
        double notional = order.getQuantity() * mids.get(order.getSymbol());
        List<Function<Fill.Builder, Fill.Builder>> absurd = List.of(
            f -> f.setQuantity(order.getQuantity() * 10 + 1), f -> f.setPrice(f.getPrice() * 3),
            f -> f.setPrice(f.getPrice() / 3), f -> f.setFee(notional * 0.5), f -> f.setInstrument("OTHER"),
            f -> f.setSide(order.getSide() == Side.BUY ? Side.SELL : Side.BUY), f -> f.setQuantity(-1),
            f -> f.setPrice(Double.NaN), f -> f.setFee(Double.NaN), f -> f.setEventTimeMicros(YEAR_2200));
        return encode(topic, order.getSymbol(), absurd.get(random.nextInt(absurd.size())).apply(fill).build());
      }
      Fill.Builder fill = Fill.newBuilder(Samples.fill("unknown-" + ++badId, Side.BUY, 10, mid)).setSymbol(symbol)
          .setInstrument(symbol);
      List<Function<Fill.Builder, Fill.Builder>> absurd = List.of(
          f -> f, f -> f.setQuantity(Double.NaN), f -> f.setQuantity(0), f -> f.setPrice(-1), f -> f.setFee(-1),
          f -> f.setFillId(""), f -> f.setSymbol(other(symbol)), f -> f.setQuantity(1e15));
      return encode(topic, symbol, absurd.get(random.nextInt(absurd.size())).apply(fill).build());
    }
    PolicyControl.Builder command = PolicyControl.newBuilder(Samples.command("bad-" + ++badId,
        ControlCommand.SET_LIMITS, Map.of(io.hedgestream.engine.input.ControlDecoder.MAX_POSITION, 1e6)))
        .setEventTimeMicros(time);
    List<Function<PolicyControl.Builder, PolicyControl.Builder>> absurd = List.of(
        c -> c.setLimits(Map.of("maxPosition", Double.NaN)), c -> c.setLimits(Map.of("maxPosition", -1.0)),
        c -> c.setLimits(Map.of("leverage", 3.0)), c -> c.setLimits(Map.of()), c -> c.setCommandId(""),
        c -> c.setCommand(ControlCommand.ACTIVATE_MODEL).setModelPath("/nonexistent/model.onnx")
            .setPolicyVersion("ghost-v1"));
    String key = random.nextInt(8) == 0 ? " " : symbol;
    return encode(topic, key, absurd.get(random.nextInt(absurd.size())).apply(command).build());
  }

  private Bad timeBomb(Topic<String, ?> topic, String symbol, Instant time) {
    Instant[] bombs = {YEAR_2200, EpochMicros.toInstant(Long.MAX_VALUE), EpochMicros.toInstant(Long.MIN_VALUE),
        Instant.parse("1970-01-01T00:00:00Z"), time.plus(Duration.ofDays(8)), time.plus(Duration.ofDays(3650))};
    Instant bomb = bombs[random.nextInt(bombs.length)];
    double mid = mids.get(symbol);
    if (topic == Topics.MD_TICKS) {
      return encode(topic, symbol, Samples.tickBuilder(symbol, bomb, mid).build());
    }
    if (topic == Topics.ORDERS_CLIENT) {
      Instant expiry = bomb.isBefore(Instant.parse("2100-01-01T00:00:00Z")) && bomb.isAfter(time)
          ? bomb.plus(Duration.ofDays(30)) : Samples.EXPIRY;
      ClientOrder order = Samples.orderBuilder("bomb-" + ++badId, OptionType.CALL, Math.round(mid), 5, bomb)
          .setSymbol(symbol).build();
      order.getOption().setExpiryMicros(expiry);
      return encode(topic, symbol, order);
    }
    if (topic == Topics.FILLS_HEDGE) {
      return encode(topic, symbol, Fill.newBuilder(Samples.fill("bomb-" + ++badId, Side.BUY, 10, mid))
          .setSymbol(symbol).setInstrument(symbol).setEventTimeMicros(bomb).build());
    }
    Instant far = bomb.isAfter(time) && bomb.isBefore(Instant.parse("2100-01-01T00:00:00Z")) ? YEAR_2200 : bomb;
    return encode(topic, symbol, PolicyControl.newBuilder(Samples.command("bomb-" + ++badId, ControlCommand.KILL_SWITCH,
        Map.of())).setEventTimeMicros(far).build());
  }

  private static io.hedgestream.avro.OptionSpec option(ClientOrder.Builder order, double multiplier, double strike,
      Instant expiry) {
    return new io.hedgestream.avro.OptionSpec(order.getOption().getOptionType(), strike, expiry, multiplier);
  }

  private static String other(String symbol) {
    return symbol.equals("SPY") ? "QQQ" : "SPY";
  }

  @SuppressWarnings("unchecked")
  private static <T> Bad encode(Topic<String, ?> topic, String key, T value) {
    byte[] bytes = ((Topic<String, T>) topic).valueSerde().serializer().serialize(topic.name(), value);
    return new Bad(topic, key.getBytes(StandardCharsets.UTF_8), bytes);
  }

  /** A copy of the bytes of a valid record of {@code topic} (the latest one of the stream). */
  @SuppressWarnings("unchecked")
  private byte[] validBytes(Topic<String, ?> topic) {
    Object value;
    if (topic == Topics.MD_TICKS) {
      value = lastTick;
    } else if (topic == Topics.ORDERS_CLIENT) {
      value = lastOrder;
    } else if (topic == Topics.FILLS_HEDGE) {
      value = lastFill != null ? lastFill : Samples.fill("f", Side.BUY, 1, 100);
    } else {
      value = Samples.command("c", ControlCommand.RESUME, Map.of());
    }
    return ((Topic<String, Object>) topic).valueSerde().serializer().serialize(topic.name(), value);
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static double gaussian(SplittableRandom random) {
    double u = Math.max(1e-12, random.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  private static String fingerprint(byte[] value) {
    return value == null ? "<null>" : Base64.getEncoder().encodeToString(value);
  }
}
