package io.hedgestream.engine.journal;

import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.WireOut;

/**
 * The journal's excerpt layout: named fields in Chronicle's self-describing binary wire, so a dump shows
 * them by name and a reader of a later layout finds fields by name (a field an older writer did not write
 * reads as empty, NaN or 0). Writing allocates nothing beyond what the wire does for text.
 */
final class JournalWire {

  /** Layout version written in every excerpt ({@code v}); bump it when a field changes meaning. */
  static final int VERSION = 1;

  private JournalWire() {}

  static void write(WireOut wire, long appendMicros, DecisionRecord r) {
    wire.write("v").int32(VERSION);
    wire.write("appendMicros").int64(appendMicros);
    wire.write("eventMicros").int64(r.eventMicros());
    wire.write("book").text(r.book());
    wire.write("symbol").text(r.symbol());
    wire.write("decisionId").text(r.decisionId());
    wire.write("reason").text(r.reason().name());
    wire.write("detail").text(r.detail());
    wire.write("policyVersion").text(r.policyVersion());
    wire.write("orderPolicyVersion").text(r.orderPolicyVersion());
    wire.write("modelSha256").text(r.modelSha256());
    wire.write("modelPath").text(r.modelPath());
    wire.write("featureNames").sequence(r.featureNames(), JournalWire::texts);
    wire.write("features").sequence(r.features(), (values, out) -> {
      for (double value : values) {
        out.float64(value);
      }
    });
    wire.write("outputInstruments").sequence(r.outputInstruments(), JournalWire::texts);
    wire.write("output").sequence(r.output(), (values, out) -> {
      for (float value : values) {
        out.float32(value);
      }
    });
    wire.write("scale").float64(r.scale());
    wire.write("optionDelta").float64(r.optionDelta());
    wire.write("maxPosition").float64(r.maxPosition());
    wire.write("target").sequence(r.target(), (target, out) -> target.forEach((instrument, units) ->
        out.marshallable(entry -> entry.write("instrument").text(instrument).write("units").float64(units))));
    wire.write("orders").sequence(r.orders(), (orders, out) -> {
      for (DecisionRecord.JournalOrder order : orders) {
        out.marshallable(entry -> entry.write("orderId").text(order.orderId())
            .write("instrument").text(order.instrument())
            .write("side").text(order.side().name())
            .write("quantity").float64(order.quantity()));
      }
    });
    wire.write("featureNanos").int64(r.featureNanos());
    wire.write("inferenceNanos").int64(r.inferenceNanos());
    wire.write("batchSize").int32(r.batchSize());
    wire.write("released").sequence(r.releasedOrders(), (released, out) -> released.forEach((orderId, outcome) ->
        out.marshallable(entry -> entry.write("orderId").text(orderId).write("outcome").text(outcome))));
  }

  private static void texts(List<String> values, net.openhft.chronicle.wire.ValueOut out) {
    for (String value : values) {
      out.text(value);
    }
  }

  static JournaledDecision read(WireIn wire, long index) {
    int version = wire.read("v").int32();
    if (version > VERSION) {
      throw new IllegalStateException("journal excerpt " + Long.toHexString(index) + " has layout v" + version
          + "; this reader knows up to v" + VERSION);
    }
    long appendMicros = wire.read("appendMicros").int64();
    long eventMicros = wire.read("eventMicros").int64();
    String book = text(wire, "book");
    String symbol = text(wire, "symbol");
    String decisionId = text(wire, "decisionId");
    HedgeReason reason = HedgeReason.valueOf(text(wire, "reason"));
    String detail = text(wire, "detail");
    String policyVersion = text(wire, "policyVersion");
    String orderPolicyVersion = text(wire, "orderPolicyVersion");
    String sha256 = text(wire, "modelSha256");
    String path = text(wire, "modelPath");
    List<String> featureNames = texts(wire.read("featureNames"));
    List<Double> features = new ArrayList<>();
    wire.read("features").sequence(features, (list, in) -> {
      while (in.hasNextSequenceItem()) {
        list.add(in.float64());
      }
    });
    List<String> instruments = texts(wire.read("outputInstruments"));
    List<Float> output = new ArrayList<>();
    wire.read("output").sequence(output, (list, in) -> {
      while (in.hasNextSequenceItem()) {
        list.add(in.float32());
      }
    });
    double scale = wire.read("scale").float64(Double.NaN);
    double optionDelta = wire.read("optionDelta").float64(Double.NaN);
    double maxPosition = wire.read("maxPosition").float64(Double.NaN);
    Map<String, Double> target = new TreeMap<>();
    wire.read("target").sequence(target, (map, in) -> {
      while (in.hasNextSequenceItem()) {
        in.marshallable(entry -> map.put(text(entry, "instrument"), entry.read("units").float64()));
      }
    });
    List<DecisionRecord.JournalOrder> orders = new ArrayList<>();
    wire.read("orders").sequence(orders, (list, in) -> {
      while (in.hasNextSequenceItem()) {
        in.marshallable(entry -> list.add(new DecisionRecord.JournalOrder(text(entry, "orderId"),
            text(entry, "instrument"), Side.valueOf(text(entry, "side")), entry.read("quantity").float64())));
      }
    });
    long featureNanos = wire.read("featureNanos").int64();
    long inferenceNanos = wire.read("inferenceNanos").int64();
    int batchSize = wire.read("batchSize").int32();
    Map<String, String> released = new TreeMap<>();
    wire.read("released").sequence(released, (map, in) -> {
      while (in.hasNextSequenceItem()) {
        in.marshallable(entry -> map.put(text(entry, "orderId"), text(entry, "outcome")));
      }
    });
    DecisionRecord record = new DecisionRecord(eventMicros, book, symbol, decisionId, reason, detail, policyVersion,
        orderPolicyVersion, sha256, path, featureNames, features.stream().mapToDouble(Double::doubleValue).toArray(),
        instruments, floats(output), scale, optionDelta, maxPosition, target, orders, featureNanos, inferenceNanos,
        batchSize, released);
    return new JournaledDecision(index, appendMicros, record);
  }

  private static String text(WireIn wire, String field) {
    String value = wire.read(field).text();
    return value == null ? "" : value;
  }

  private static List<String> texts(ValueIn in) {
    List<String> values = new ArrayList<>();
    in.sequence(values, (list, item) -> {
      while (item.hasNextSequenceItem()) {
        String value = item.text();
        list.add(value == null ? "" : value);
      }
    });
    return values;
  }

  private static float[] floats(List<Float> values) {
    float[] array = new float[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }
}
