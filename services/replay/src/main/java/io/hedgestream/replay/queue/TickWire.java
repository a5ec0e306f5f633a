package io.hedgestream.replay.queue;

import io.hedgestream.avro.MarketTick;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.WireOut;

/**
 * The queue's excerpt layout, in Chronicle's self-describing binary wire: each excerpt starts with a
 * {@code kind} field, {@value #HEADER}, {@value #TICK} or {@value #END}; doubles are written as float64, so
 * a tick reads back bit for bit.
 */
final class TickWire {

  /** Layout version written in the header; bump it when a field changes meaning. */
  static final int VERSION = 1;
  static final String HEADER = "header";
  static final String TICK = "tick";
  static final String END = "end";

  private TickWire() {}

  static void writeHeader(WireOut wire, QueueHeader header) {
    wire.write("kind").text(HEADER);
    wire.write("v").int32(header.layoutVersion());
    wire.write("tickSettings").text(header.tickSettings());
    wire.write("sources").marshallable(out -> new TreeMap<>(header.sourceSha256()).forEach((file, sha) -> out.write(file).text(sha)));
  }

  static QueueHeader readHeader(WireIn wire) {
    int version = wire.read("v").int32();
    String settings = wire.read("tickSettings").text();
    Map<String, String> sources = new TreeMap<>();
    wire.read("sources").marshallable(in -> {
      while (in.hasMore()) {
        StringBuilder name = new StringBuilder();
        String sha = in.readEventName(name).text();
        sources.put(name.toString(), sha);
      }
    });
    return new QueueHeader(version, settings, sources);
  }

  static void writeTick(WireOut wire, MarketTick tick) {
    wire.write("kind").text(TICK);
    wire.write("symbol").text(tick.getSymbol());
    wire.write("eventMicros").int64(ChronoUnit.MICROS.between(Instant.EPOCH, tick.getEventTimeMicros()));
    wire.write("bid").float64(tick.getBid());
    wire.write("ask").float64(tick.getAsk());
    wire.write("last").float64(tick.getLast());
    wire.write("volume").float64(tick.getVolume());
    wire.write("atmImpliedVol").float64(tick.getAtmImpliedVol());
    wire.write("rate").float64(tick.getRate());
    wire.write("dividendYield").float64(tick.getDividendYield());
    wire.write("source").text(tick.getSource());
  }

  static MarketTick readTick(WireIn wire) {
    return MarketTick.newBuilder()
        .setSymbol(wire.read("symbol").text())
        .setEventTimeMicros(Instant.EPOCH.plus(wire.read("eventMicros").int64(), ChronoUnit.MICROS))
        .setBid(wire.read("bid").float64())
        .setAsk(wire.read("ask").float64())
        .setLast(wire.read("last").float64())
        .setVolume(wire.read("volume").float64())
        .setAtmImpliedVol(wire.read("atmImpliedVol").float64())
        .setRate(wire.read("rate").float64())
        .setDividendYield(wire.read("dividendYield").float64())
        .setSabr(null)
        .setSource(wire.read("source").text())
        .build();
  }

  static void writeEnd(WireOut wire, long ticks) {
    wire.write("kind").text(END);
    wire.write("ticks").int64(ticks);
  }

  static long readEnd(WireIn wire) {
    return wire.read("ticks").int64();
  }
}
