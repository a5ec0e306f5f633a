package io.hedgestream.bench;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.avro.Side;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the engine and gateway write per book decision, synthesised for {@link MonitorBenchmark}: the book's
 * PnL event and risk snapshot, its hedge order, the order's fill and its FILLED status (five records), with
 * a random-walk PnL and Greeks so charts and histograms hold real variation.
 */
final class MonitorLoad {

  /** Records written per decision. */
  static final int RECORDS_PER_DECISION = 5;

  private final KafkaProducer<byte[], byte[]> producer;
  private final int books;
  private final int symbols;
  private final double[] cumulative;
  private final long[] steps;
  private final SplittableRandom random = new SplittableRandom(42);
  private long decisions;

  MonitorLoad(KafkaProducer<byte[], byte[]> producer, int books, int symbols) {
    this.producer = producer;
    this.books = books;
    this.symbols = symbols;
    this.cumulative = new double[books];
    this.steps = new long[books];
  }

  /** Writes one decision of book {@code b} at {@code time}. */
  void decide(int b, Instant time) {
    String symbol = "SYM" + (b % symbols);
    String book = symbol + "-book-" + (b / symbols);
    long step = ++steps[b];
    double stepPnl = random.nextGaussian() * 3;
    cumulative[b] += stepPnl;
    String regime = step % 2_000 < 1_500 ? "MEDIUM" : "HIGH";
    double delta = random.nextGaussian() * 50;
    String decisionId = book + "-" + step;
    send(Topics.PNL_EVENTS, symbol, PnlEvent.newBuilder().setBook(book).setSymbol(symbol).setDecisionId(decisionId)
        .setStep(step).setEventTimeMicros(time).setSpot(100 + random.nextGaussian()).setMarkToMarket(cumulative[b])
        .setOptionPnl(stepPnl * 2).setHedgePnl(-stepPnl).setCosts(0.01).setStepPnl(stepPnl)
        .setCumulativePnl(cumulative[b]).setDelta(delta).setGamma(random.nextGaussian()).setVega(random.nextGaussian() * 100)
        .setTheta(random.nextGaussian() * 10).setPositions(Map.of(symbol, -delta, symbol + "-20270115-C-100", -10.0))
        .setRegime(regime).setHedgePnlByInstrument(Map.of(symbol, -stepPnl)).setCostsByInstrument(Map.of(symbol, 0.01))
        .setPolicyVersion("bench").setReason(HedgeReason.POLICY.name()).build());
    send(Topics.RISK_METRICS, symbol, RiskSnapshot.newBuilder().setBook(book).setSymbol(symbol).setEventTimeMicros(time)
        .setWindowSize(250).setCount(step).setMean(0).setStd(3).setVar95(5).setCvar95(6.5).setMaxDrawdown(20.0)
        .setRegime(regime).build());
    String orderId = decisionId + ":" + symbol;
    Side side = delta > 0 ? Side.SELL : Side.BUY;
    double quantity = Math.max(1, Math.round(Math.abs(delta) / 10));
    send(Topics.ORDERS_HEDGE, symbol, HedgeOrder.newBuilder().setOrderId(orderId).setBook(book).setSymbol(symbol)
        .setInstrument(symbol).setInstrumentType(InstrumentType.UNDERLYING).setSide(side).setQuantity(quantity)
        .setReason(HedgeReason.POLICY).setPolicyVersion("bench").setDecisionId(decisionId).setEventTimeMicros(time)
        .build());
    send(Topics.FILLS_HEDGE, symbol, Fill.newBuilder().setFillId(orderId + "/1").setOrderId(orderId).setBook(book)
        .setSymbol(symbol).setInstrument(symbol).setSide(side).setQuantity(quantity).setPrice(100).setFee(0.01)
        .setLeavesQuantity(0).setVenue("bench").setEventTimeMicros(time).build());
    send(Topics.ORDERS_STATUS, symbol, OrderStatus.newBuilder().setOrderId(orderId).setBook(book).setSymbol(symbol)
        .setInstrument(symbol).setSide(side).setStatus(OrderState.FILLED).setOrderQuantity(quantity)
        .setCumulativeQuantity(quantity).setLeavesQuantity(0).setAveragePrice(100.0).setVenue("bench")
        .setEventTimeMicros(time).build());
    decisions++;
  }

  /** Decisions written so far. */
  long decisions() {
    return decisions;
  }

  /** The books written to. */
  int books() {
    return books;
  }

  void flush() {
    producer.flush();
  }

  private <V> void send(Topic<String, V> topic, String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8),
        topic.valueSerde().serializer().serialize(topic.name(), value)));
  }
}
