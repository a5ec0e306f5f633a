package io.hedgestream.launcher.status;

import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * Accumulates what the status consumer reads: counts per topic and each book's latest PnL and risk
 * figures. Written by the consumer thread, read by the printing thread.
 */
final class StatusBoard {

  private long ticks;
  private long clientOrders;
  private long decisions;
  private long fallbacks;
  private long hedgeOrders;
  private long fills;
  private long deadLetters;
  private final Map<String, PnlEvent> latestPnl = new HashMap<>();
  private final Map<String, Double> latestCvar95 = new HashMap<>();

  synchronized void addTicks(long n) {
    ticks += n;
  }

  synchronized void addClientOrders(long n) {
    clientOrders += n;
  }

  synchronized void addHedgeOrders(long n) {
    hedgeOrders += n;
  }

  synchronized void addFills(long n) {
    fills += n;
  }

  synchronized void addDeadLetters(long n) {
    deadLetters += n;
  }

  synchronized void onPnl(PnlEvent event) {
    decisions++;
    if (event.getReason().toString().startsWith(HedgeReason.FALLBACK.name())) {
      fallbacks++;
    }
    latestPnl.put(event.getBook().toString(), event);
  }

  synchronized void onRisk(RiskSnapshot snapshot) {
    latestCvar95.put(snapshot.getBook().toString(), snapshot.getCvar95());
  }

  synchronized StatusSnapshot snapshot() {
    double delta = 0;
    double pnl = 0;
    for (PnlEvent e : latestPnl.values()) {
      delta += e.getDelta();
      pnl += e.getCumulativePnl();
    }
    double worst = latestCvar95.values().stream().filter(Double::isFinite)
        .mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return new StatusSnapshot(ticks, clientOrders, decisions, fallbacks, hedgeOrders, fills, deadLetters,
        latestPnl.size(), delta, pnl, worst);
  }
}
