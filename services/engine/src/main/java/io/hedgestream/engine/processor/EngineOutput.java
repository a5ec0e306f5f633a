package io.hedgestream.engine.processor;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RegimeChange;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.engine.input.DeadLetterRecord;

/** One record the book processor emits; the topology routes each kind to its topic. */
public sealed interface EngineOutput
    permits EngineOutput.Order, EngineOutput.Pnl, EngineOutput.Risk, EngineOutput.Regime, EngineOutput.Dead {

  /**
   * A hedge order for {@code orders.hedge}.
   *
   * @param order the order
   */
  record Order(HedgeOrder order) implements EngineOutput {}

  /**
   * A ledger line for {@code pnl.events}.
   *
   * @param event the event
   */
  record Pnl(PnlEvent event) implements EngineOutput {}

  /**
   * A risk snapshot for {@code risk.metrics}.
   *
   * @param snapshot the snapshot
   */
  record Risk(RiskSnapshot snapshot) implements EngineOutput {}

  /**
   * A symbol's regime change for {@code regime.events}.
   *
   * @param change the change
   */
  record Regime(RegimeChange change) implements EngineOutput {}

  /**
   * A record rejected by a check that needs state (unknown order, out-of-order tick).
   *
   * @param deadLetter the dead letter and its topic
   */
  record Dead(DeadLetterRecord deadLetter) implements EngineOutput {}
}
