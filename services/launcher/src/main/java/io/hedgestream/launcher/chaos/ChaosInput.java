package io.hedgestream.launcher.chaos;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.schemas.Topics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The recorded input of a chaos run: per step, the client orders and then the tick of each symbol, as the
 * exact bytes published, so the faulty run and the reference run read the same input byte for byte.
 *
 * <p>Generated from a seed: GBM closes (20% vol) one day apart, a bid/ask of 2 bps around the close, ATM vol
 * 20%; each step and symbol a Poisson(1.2) number of client option trades over two books (calls and puts,
 * strikes within 10% of spot, 20 to 60 days, 1 to 20 contracts either way, premium at the model value),
 * stamped at the step's close and published before its tick, so the engine books them and decides at that tick
 * (options expire during the run, so settlements and unwinds are exercised too).
 *
 * @param steps the steps in order
 */
record ChaosInput(List<Step> steps) {

  /**
   * One step: what is published before its barrier, orders first.
   *
   * @param time the step's tick time
   * @param orders the client orders (topic orders.client)
   * @param ticks the ticks, one per symbol (topic md.ticks)
   */
  record Step(Instant time, List<Record> orders, List<Record> ticks) {}

  /**
   * A record as published.
   *
   * @param key key bytes (the symbol)
   * @param value value bytes (Avro single-object encoding)
   */
  record Record(byte[] key, byte[] value) {}

  private static final Instant START = Instant.parse("2026-01-05T21:00:00Z");
  private static final double VOL = 0.2;
  private static final double ORDERS_PER_STEP = 1.2;

  /** Generates {@code steps} steps of {@code symbols} symbols from {@code seed}. */
  static ChaosInput generate(long seed, int steps, List<String> symbols) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] spot = new double[symbols.size()];
    for (int s = 0; s < spot.length; s++) {
      spot[s] = 50 + 50 * s;
    }
    double dt = 1.0 / 365;
    List<Step> out = new ArrayList<>(steps);
    int orderId = 0;
    for (int step = 0; step < steps; step++) {
      Instant time = START.plus(Duration.ofDays(step));
      List<Record> orders = new ArrayList<>();
      List<Record> ticks = new ArrayList<>();
      for (int s = 0; s < symbols.size(); s++) {
        String symbol = symbols.get(s);
        if (step > 0) {
          spot[s] *= Math.exp(-0.5 * VOL * VOL * dt + VOL * Math.sqrt(dt) * gaussian(random));
        }
        for (int n = poisson(random, ORDERS_PER_STEP); n > 0; n--) {
          orders.add(record(symbol, Topics.ORDERS_CLIENT.valueSerde().serializer().serialize(
              Topics.ORDERS_CLIENT.name(), clientOrder(random, symbol, spot[s], time, "chaos-" + seed + "-" + ++orderId))));
        }
        ticks.add(record(symbol, Topics.MD_TICKS.valueSerde().serializer().serialize(Topics.MD_TICKS.name(),
            tick(symbol, spot[s], time))));
      }
      out.add(new Step(time, List.copyOf(orders), List.copyOf(ticks)));
    }
    return new ChaosInput(List.copyOf(out));
  }

  private static ClientOrder clientOrder(SplittableRandom random, String symbol, double spot, Instant time, String id) {
    OptionType type = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
    double strike = Math.round(spot * (0.9 + 0.2 * random.nextDouble()));
    int days = 20 + random.nextInt(41);
    double quantity = (1 + random.nextInt(20)) * (random.nextBoolean() ? 1 : -1);
    double premium = BlackScholes.price(PutCall.valueOf(type.name()), spot, strike, days / 365.0, VOL, 0, 0);
    return ClientOrder.newBuilder().setOrderId(id).setBook(symbol + "-book-" + (1 + random.nextInt(2)))
        .setClient("chaos-client").setSymbol(symbol)
        .setOption(OptionSpec.newBuilder().setOptionType(type).setStrike(strike)
            .setExpiryMicros(time.plus(Duration.ofDays(days))).setMultiplier(100).build())
        .setQuantity(quantity).setPremium(premium).setEventTimeMicros(time).build();
  }

  private static MarketTick tick(String symbol, double close, Instant time) {
    double half = close * 1e-4;
    return MarketTick.newBuilder().setSymbol(symbol).setEventTimeMicros(time).setBid(close - half)
        .setAsk(close + half).setLast(close).setVolume(1_000_000).setAtmImpliedVol(VOL).setRate(0)
        .setDividendYield(0).setSabr(null).setSource("chaos").build();
  }

  private static Record record(String symbol, byte[] value) {
    return new Record(Topics.MD_TICKS.keySerde().serializer().serialize(Topics.MD_TICKS.name(), symbol), value);
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static int poisson(SplittableRandom random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  /** Client orders over all steps. */
  int orderCount() {
    return steps.stream().mapToInt(step -> step.orders().size()).sum();
  }

  /** Writes the input to {@code file}: the recording both runs replay. */
  void write(Path file) {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(steps.size());
      for (Step step : steps) {
        out.writeLong(step.time().getEpochSecond());
        writeRecords(out, step.orders());
        writeRecords(out, step.ticks());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chaos input to " + file, e);
    }
  }

  /** Reads what {@link #write} wrote. */
  static ChaosInput read(Path file) {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      int count = in.readInt();
      List<Step> steps = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        Instant time = Instant.ofEpochSecond(in.readLong());
        steps.add(new Step(time, readRecords(in), readRecords(in)));
      }
      return new ChaosInput(List.copyOf(steps));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chaos input " + file, e);
    }
  }

  /** The sha256 of a file, hex. */
  static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeRecords(DataOutputStream out, List<Record> records) throws IOException {
    out.writeInt(records.size());
    for (Record record : records) {
      out.writeInt(record.key().length);
      out.write(record.key());
      out.writeInt(record.value().length);
      out.write(record.value());
    }
  }

  private static List<Record> readRecords(DataInputStream in) throws IOException {
    int count = in.readInt();
    List<Record> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] key = in.readNBytes(in.readInt());
      byte[] value = in.readNBytes(in.readInt());
      records.add(new Record(key, value));
    }
    return List.copyOf(records);
  }
}
