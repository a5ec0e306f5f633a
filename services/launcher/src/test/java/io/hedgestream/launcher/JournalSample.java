package io.hedgestream.launcher;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.Side;
import io.hedgestream.engine.decision.BookDecider;
import io.hedgestream.engine.decision.HedgeLimits;
import io.hedgestream.engine.journal.ChronicleDecisionJournal;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.onnx.OnnxPolicy;
import io.hedgestream.engine.policy.onnx.PolicyDevice;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.engine.state.PendingOrder;
import io.hedgestream.pricing.PutCall;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes a small, real decision journal: the engine's decider with the shipped model, two books of SPY
 * (short calls, short puts) decided together every minute for {@link #STEPS} minutes as SPY drifts, hedges
 * filled at the mid in between, and a kill switch at the end.
 */
final class JournalSample {

  static final int STEPS = 6;
  static final Instant T0 = Instant.parse("2025-01-02T14:30:00Z");
  private static final String SPY = "SPY";
  private static final long EXPIRY = micros(T0.plus(Duration.ofDays(30)));
  private static final HedgeLimits LIMITS = new HedgeLimits(1_000_000, 100_000);

  private JournalSample() {}

  /** The repository's shipped model. */
  static Path shippedModel() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../../models/bs-delta-mlp-v1")
        .normalize();
  }

  /** Writes the journal into {@code dir}; returns the number of decisions. */
  static int write(Path dir) {
    BookState calls = new BookState("desk-1", SPY);
    calls.options().add(OptionPosition.open(SPY, PutCall.CALL, 100, EXPIRY, 100, -10, 0));
    BookState puts = new BookState("desk-2", SPY);
    puts.options().add(OptionPosition.open(SPY, PutCall.PUT, 98, EXPIRY, 100, -5, 0));
    int decisions = 0;
    try (OnnxPolicy policy = OnnxPolicy.load(shippedModel(), PolicyDevice.CPU);
        ChronicleDecisionJournal journal = ChronicleDecisionJournal.open(dir)) {
      BookDecider decider = new BookDecider(policy, 1, 250).journalTo(journal);
      for (int step = 0; step <= STEPS; step++) {
        double mid = 100 + 0.4 * step * (step % 2 == 0 ? 1 : -0.5);
        MarketSnapshot market = MarketSnapshot.of(tick(T0.plus(Duration.ofMinutes(step)), mid));
        boolean killed = step == STEPS;
        List<BookDecider.Request> requests = List.of(new BookDecider.Request(calls, killed, LIMITS),
            new BookDecider.Request(puts, killed, LIMITS));
        for (BookDecider.Outcome outcome : decider.decide(requests, market)) {
          outcome.orders().forEach(order -> fill(outcome.book(), order, mid));
          decisions++;
        }
      }
    }
    return decisions;
  }

  private static void fill(BookState book, HedgeOrder order, double price) {
    PendingOrder pending = book.pending().get(order.getOrderId());
    double signed = order.getSide() == Side.BUY ? order.getQuantity() : -order.getQuantity();
    book.bookFill(order.getInstrument(), signed, price, 0, price);
    book.fillPending(pending, order.getQuantity());
  }

  private static MarketTick tick(Instant time, double mid) {
    return MarketTick.newBuilder().setSymbol(SPY).setEventTimeMicros(time).setBid(mid - 0.01).setAsk(mid + 0.01)
        .setLast(mid).setVolume(100).setAtmImpliedVol(0.2).setRate(0.0).setDividendYield(0.0).setSabr(null)
        .setSource("journal-sample").build();
  }

  private static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
  }
}
