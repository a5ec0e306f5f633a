package io.hedgestream.launcher.chaos;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The faulty run against the reference run, record by record: hedge orders by order id, fills by fill id,
 * PnL events by (book, symbol, step), and each book's final ledger (its last PnL event: mark-to-market,
 * cumulative PnL, positions). Every figure is a count; the runs agree when every "lost", "duplicated" and
 * "different" count is zero and the faulty run has no dead letter the reference did not have.
 *
 * @param orders hedge orders compared
 * @param fills fills compared
 * @param pnlSteps PnL steps compared
 * @param books books whose final ledgers are compared
 * @param differentLedgers books whose final ledger differs in any figure
 * @param extraDeadLetters dead letters of the faulty run beyond the reference's
 */
public record ChaosComparison(Counts orders, Counts fills, Counts pnlSteps, int books, int differentLedgers,
    long extraDeadLetters) {

  /**
   * One kind of record compared.
   *
   * @param reference distinct ids in the reference run
   * @param faulty distinct ids in the faulty run
   * @param lost ids of the reference missing from the faulty run
   * @param duplicated ids published more than once in the faulty run
   * @param referenceDuplicated ids published more than once in the reference run
   * @param extra ids of the faulty run the reference does not have
   * @param different ids present in both whose records differ
   * @param examples the first few differences, each the reference's record and the faulty run's
   */
  record Counts(int reference, int faulty, int lost, int duplicated, int referenceDuplicated, int extra,
      int different, List<String> examples) {
    public boolean agree() {
      return lost == 0 && duplicated == 0 && referenceDuplicated == 0 && extra == 0 && different == 0
          && reference == faulty;
    }
  }

  /** Compares the faulty run with the reference. */
  static ChaosComparison of(ChaosRun.Result reference, ChaosRun.Result faulty) {
    Counts orders = compare(reference.orders(), faulty.orders(), HedgeOrder::getOrderId, HedgeOrder::equals);
    Counts fills = compare(reference.fills(), faulty.fills(), Fill::getFillId, Fill::equals);
    Counts pnl = compare(reference.pnl(), faulty.pnl(), ChaosComparison::stepKey, PnlEvent::equals);
    Map<String, PnlEvent> referenceLedgers = lastByBook(reference.pnl());
    Map<String, PnlEvent> faultyLedgers = lastByBook(faulty.pnl());
    int different = 0;
    for (Map.Entry<String, PnlEvent> book : referenceLedgers.entrySet()) {
      PnlEvent other = faultyLedgers.get(book.getKey());
      if (other == null || !sameLedger(book.getValue(), other)) {
        different++;
      }
    }
    long referenceDead = reference.deadLetters().values().stream().mapToLong(Long::longValue).sum();
    long faultyDead = faulty.deadLetters().values().stream().mapToLong(Long::longValue).sum();
    return new ChaosComparison(orders, fills, pnl, referenceLedgers.size(), different,
        Math.max(0, faultyDead - referenceDead));
  }

  /** Whether the faulty run published exactly what the reference did. */
  public boolean agree() {
    return orders.agree() && fills.agree() && pnlSteps.agree() && differentLedgers == 0 && extraDeadLetters == 0;
  }

  private static <T> Counts compare(List<T> reference, List<T> faulty, Function<T, String> id,
      BiPredicate<T, T> same) {
    Map<String, T> expected = firstById(reference, id);
    Map<String, Integer> seen = new HashMap<>();
    Map<String, T> actual = new LinkedHashMap<>();
    for (T record : faulty) {
      seen.merge(id.apply(record), 1, Integer::sum);
      actual.putIfAbsent(id.apply(record), record);
    }
    int lost = 0;
    int different = 0;
    List<String> examples = new java.util.ArrayList<>();
    for (Map.Entry<String, T> entry : expected.entrySet()) {
      T other = actual.get(entry.getKey());
      if (other == null) {
        lost++;
      } else if (!same.test(entry.getValue(), other)) {
        different++;
        if (examples.size() < 3) {
          examples.add("A " + entry.getValue() + " | B " + other);
        }
      }
    }
    Set<String> extra = new HashSet<>(actual.keySet());
    extra.removeAll(expected.keySet());
    int duplicated = (int) seen.values().stream().filter(count -> count > 1).count();
    Map<String, Integer> referenceSeen = new HashMap<>();
    reference.forEach(record -> referenceSeen.merge(id.apply(record), 1, Integer::sum));
    int referenceDuplicated = (int) referenceSeen.values().stream().filter(count -> count > 1).count();
    return new Counts(expected.size(), actual.size(), lost, duplicated, referenceDuplicated, extra.size(), different,
        List.copyOf(examples));
  }

  private static <T> Map<String, T> firstById(List<T> records, Function<T, String> id) {
    Map<String, T> out = new LinkedHashMap<>();
    records.forEach(record -> out.putIfAbsent(id.apply(record), record));
    return out;
  }

  private static String stepKey(PnlEvent event) {
    return event.getSymbol() + "/" + event.getBook() + "/" + event.getStep();
  }

  private static Map<String, PnlEvent> lastByBook(List<PnlEvent> events) {
    Map<String, PnlEvent> last = new HashMap<>();
    for (PnlEvent event : events) {
      last.merge(event.getSymbol() + "/" + event.getBook(), event,
          (a, b) -> b.getStep() >= a.getStep() ? b : a);
    }
    return last;
  }

  private static boolean sameLedger(PnlEvent a, PnlEvent b) {
    return a.getStep() == b.getStep() && Double.compare(a.getMarkToMarket(), b.getMarkToMarket()) == 0
        && Double.compare(a.getCumulativePnl(), b.getCumulativePnl()) == 0 && a.getPositions().equals(b.getPositions());
  }
}
