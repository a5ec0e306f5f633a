package io.hedgestream.engine.journal;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a journal's decisions as CSV for offline analysis ({@code hedge journal export}; the trainer
 * reads it with {@code hedgetrain.journal.load_journal_csv}). One row per distinct decision id (the last
 * copy; {@code copies} says how many were journaled). Fixed columns first, then one column per name seen
 * in any record, in first-seen order: {@code feature.<name>} (float64), {@code output.<instrument>} (raw
 * float32), {@code target.<instrument>} (units) and {@code order.<instrument>} (signed units sent). A cell is
 * empty when the record has no such value. Numbers are written in Java's shortest round-trip form, so a
 * float64 reads back exactly.
 */
public final class JournalCsv {

  /** The fixed columns, in order. */
  public static final List<String> FIXED = List.of("decision_id", "book", "symbol", "event_micros", "append_micros",
      "reason", "detail", "policy_version", "order_policy_version", "model_sha256", "model_path", "scale",
      "option_delta", "max_position", "batch_size", "feature_nanos", "inference_nanos", "copies", "order_ids");

  private JournalCsv() {}

  /**
   * Writes the CSV.
   *
   * @param journaled every journaled decision in append order (duplicates are folded here)
   * @param out where to write (not closed)
   * @return rows written
   * @throws IOException when writing fails
   */
  public static int write(List<JournaledDecision> journaled, Writer out) throws IOException {
    Map<String, Integer> copies = new TreeMap<>();
    journaled.forEach(d -> copies.merge(d.record().decisionId(), 1, Integer::sum));
    List<JournaledDecision> rows = JournalContents.of(journaled).decisions();
    Set<String> features = new LinkedHashSet<>();
    Set<String> outputs = new LinkedHashSet<>();
    Set<String> instruments = new LinkedHashSet<>();
    for (JournaledDecision row : rows) {
      features.addAll(row.record().featureNames());
      outputs.addAll(row.record().outputInstruments());
      instruments.addAll(row.record().target().keySet());
      row.record().orders().forEach(order -> instruments.add(order.instrument()));
    }
    List<String> header = new ArrayList<>(FIXED);
    features.forEach(name -> header.add("feature." + name));
    outputs.forEach(name -> header.add("output." + name));
    instruments.forEach(name -> header.add("target." + name));
    instruments.forEach(name -> header.add("order." + name));
    line(out, header);
    for (JournaledDecision row : rows) {
      line(out, cells(row, copies.get(row.record().decisionId()), features, outputs, instruments));
    }
    return rows.size();
  }

  private static List<String> cells(JournaledDecision row, int copies, Set<String> features, Set<String> outputs,
      Set<String> instruments) {
    DecisionRecord r = row.record();
    List<String> cells = new ArrayList<>(List.of(r.decisionId(), r.book(), r.symbol(), Long.toString(r.eventMicros()),
        Long.toString(row.appendMicros()), r.reason().name(), r.detail(), r.policyVersion(), r.orderPolicyVersion(),
        r.modelSha256(), r.modelPath(), number(r.scale()), number(r.optionDelta()), number(r.maxPosition()),
        Integer.toString(r.batchSize()), Long.toString(r.featureNanos()), Long.toString(r.inferenceNanos()),
        Integer.toString(copies), String.join(" ", r.orders().stream().map(DecisionRecord.JournalOrder::orderId)
            .toList())));
    for (String name : features) {
      int i = r.featureNames().indexOf(name);
      cells.add(i < 0 ? "" : Double.toString(r.features()[i]));
    }
    for (String name : outputs) {
      int k = r.outputInstruments().indexOf(name);
      cells.add(k < 0 ? "" : Float.toString(r.output()[k]));
    }
    for (String name : instruments) {
      Double units = r.target().get(name);
      cells.add(units == null ? "" : Double.toString(units));
    }
    for (String name : instruments) {
      double sent = r.orders().stream().filter(o -> o.instrument().equals(name))
          .mapToDouble(DecisionRecord.JournalOrder::signedQuantity).sum();
      cells.add(Double.toString(sent));
    }
    return cells;
  }

  /** A number, empty for NaN (pandas reads an empty cell as NaN). */
  private static String number(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }

  private static void line(Writer out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quoted(cells.get(i)));
    }
    out.write('\n');
  }

  /** RFC 4180 quoting: a cell with a comma, quote or line break is quoted, quotes doubled. */
  private static String quoted(String cell) {
    if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
