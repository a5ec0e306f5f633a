package io.hedgestream.engine.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A journal's decisions with re-executions removed. The journal is outside the Kafka transaction: a task
 * that restarts before committing decides its uncommitted inputs again and journals those decisions a
 * second time, under the same decision id. The last copy of an id is the one whose orders and state were
 * committed, so it is the one kept.
 *
 * @param decisions the last copy of each decision id, in the order those copies were appended
 * @param duplicates copies dropped (journaled decisions minus distinct decision ids)
 */
public record JournalContents(List<JournaledDecision> decisions, int duplicates) {

  /** Copies the list. */
  public JournalContents {
    decisions = List.copyOf(decisions);
  }

  /**
   * Keeps the last copy of each decision id.
   *
   * @param journaled every decision in append order
   * @return the distinct decisions and the number of copies dropped
   */
  public static JournalContents of(List<JournaledDecision> journaled) {
    Map<String, JournaledDecision> last = new LinkedHashMap<>();
    for (JournaledDecision decision : journaled) {
      last.remove(decision.record().decisionId());
      last.put(decision.record().decisionId(), decision);
    }
    return new JournalContents(new ArrayList<>(last.values()), journaled.size() - last.size());
  }

  /**
   * Reads a journal directory and keeps the last copy of each decision id.
   *
   * @param dir the queue's directory
   * @return the contents
   */
  public static JournalContents read(java.nio.file.Path dir) {
    return of(JournalReader.readAll(dir));
  }
}
