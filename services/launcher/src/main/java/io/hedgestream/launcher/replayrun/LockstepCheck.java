package io.hedgestream.launcher.replayrun;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Checks after a run that the engine booked every decision's fills before the book's next decision: each
 * PnL event's hedge holdings equal the book's previous event's plus the (fully filled) orders of that
 * previous decision. This is what makes the per-step PnL deterministic.
 */
final class LockstepCheck {

  private static final double TOLERANCE = 1e-9;

  private LockstepCheck() {}

  /**
   * Whether the lockstep held.
   *
   * @param events every PnL event of the run
   * @param orders every hedge order of the run
   * @return true when every step's holdings follow from the previous step's and its orders
   */
  static boolean holds(List<PnlEvent> events, List<HedgeOrder> orders) {
    Map<String, Map<String, Double>> orderedAt = new HashMap<>();
    for (HedgeOrder order : orders) {
      double signed = order.getSide() == Side.BUY ? order.getQuantity() : -order.getQuantity();
      orderedAt.computeIfAbsent(order.getBook() + "@" + order.getEventTimeMicros(), k -> new HashMap<>())
          .merge(order.getInstrument(), signed, Double::sum);
    }
    Map<String, List<PnlEvent>> byBook = new HashMap<>();
    events.forEach(event -> byBook.computeIfAbsent(event.getBook(), b -> new ArrayList<>()).add(event));
    for (List<PnlEvent> book : byBook.values()) {
      book.sort(Comparator.comparing(PnlEvent::getEventTimeMicros));
      for (int i = 1; i < book.size(); i++) {
        if (!follows(book.get(i - 1), book.get(i), orderedAt)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean follows(PnlEvent previous, PnlEvent current, Map<String, Map<String, Double>> orderedAt) {
    Instant time = previous.getEventTimeMicros();
    Map<String, Double> traded = orderedAt.getOrDefault(previous.getBook() + "@" + time, Map.of());
    for (Map.Entry<String, Double> trade : traded.entrySet()) {
      double before = previous.getPositions().getOrDefault(trade.getKey(), 0.0);
      double after = current.getPositions().getOrDefault(trade.getKey(), 0.0);
      if (Math.abs(before + trade.getValue() - after) > TOLERANCE) {
        LoggerFactory.getLogger(LockstepCheck.class).warn("lockstep broken for {} at {}: {} {} + {} != {}",
            current.getBook(), current.getEventTimeMicros(), trade.getKey(), before, trade.getValue(), after);
        return false;
      }
    }
    return true;
  }
}
