package io.hedgestream.engine.decision;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.Side;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.engine.state.PendingOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a target into hedge orders: order = target - holding - pending, rounded to whole lots, skipped
 * below one lot, clipped to the order-size limit. Each order gets the id {@code decisionId:instrument}, so
 * the same decision always yields the same ids, and is registered as pending on the book.
 *
 * <p>The underlying trades in units, in lots of {@code engine.lot-size}. A listed option series (an
 * instrument the book has {@link BookState#hedgeSeries(String) terms} for) trades in whole contracts (its
 * lot is one contract whatever the engine lot size) and its order carries the {@link OptionSpec}; the
 * order-size limit applies to its underlying-equivalent units, contracts x multiplier, so an option order
 * is clipped to {@code floor(max-order-quantity / multiplier)} contracts.
 */
public final class OrderPlanner {

  private final double lotSize;

  /**
   * Creates a planner.
   *
   * @param lotSize order quantities are whole multiples of this many units, > 0
   */
  public OrderPlanner(double lotSize) {
    if (!(Double.isFinite(lotSize) && lotSize > 0)) {
      throw new IllegalArgumentException("lotSize must be finite and > 0, was " + lotSize);
    }
    this.lotSize = lotSize;
  }

  /**
   * The orders a decision sends, and notes on what was changed on the way (clipping).
   *
   * @param orders orders to send, in instrument order
   * @param notes human-readable notes for the PnL event's reason
   */
  public record Plan(List<HedgeOrder> orders, List<String> notes) {}

  /**
   * Plans and registers the orders that move {@code book} towards {@code target}.
   *
   * @param book the book (its pending orders are updated)
   * @param target target holdings; instruments not named are left alone
   * @param decision who decided, why, when
   * @param limits the book's limits
   * @return the orders and notes
   */
  public Plan place(BookState book, TargetHoldings target, DecisionLabel decision, HedgeLimits limits) {
    List<HedgeOrder> orders = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, Double> entry : target.units().entrySet()) {
      String instrument = entry.getKey();
      HedgeSeries series = book.hedgeSeries(instrument);
      double lot = series == null ? lotSize : 1.0;
      double wanted = entry.getValue() - book.holding(instrument) - book.pendingQuantity(instrument);
      double quantity = roundToLots(wanted, lot);
      if (quantity == 0) {
        continue;
      }
      double maxOrder = Math.floor(limits.maxOrderQuantity() / book.unitsPerQuantity(instrument) / lot) * lot;
      if (maxOrder == 0) {
        notes.add("no order for " + instrument + ": one lot exceeds max-order-quantity " + limits.maxOrderQuantity());
        continue;
      }
      if (Math.abs(quantity) > maxOrder) {
        notes.add("order for " + instrument + " clipped to max-order-quantity " + limits.maxOrderQuantity()
            + " (wanted " + quantity + ")");
        quantity = Math.copySign(maxOrder, quantity);
      }
      String orderId = decision.decisionId() + ":" + instrument;
      book.addPending(new PendingOrder(orderId, instrument, quantity));
      orders.add(order(book, orderId, instrument, series, quantity, decision));
    }
    return new Plan(orders, notes);
  }

  /** {@code units} rounded to the nearest whole number of lots (halves away from zero). */
  double roundToLots(double units) {
    return roundToLots(units, lotSize);
  }

  private static double roundToLots(double units, double lot) {
    double lots = Math.floor(Math.abs(units) / lot + 0.5);
    return lots == 0 ? 0 : Math.copySign(lots * lot, units);
  }

  private static OptionSpec spec(HedgeSeries series) {
    return OptionSpec.newBuilder()
        .setOptionType(OptionType.valueOf(series.putCall().name()))
        .setStrike(series.strike())
        .setExpiryMicros(EpochMicros.toInstant(series.expiryMicros()))
        .setMultiplier(series.multiplier())
        .build();
  }

  private static HedgeOrder order(BookState book, String orderId, String instrument, HedgeSeries series,
      double quantity, DecisionLabel decision) {
    return HedgeOrder.newBuilder()
        .setOrderId(orderId)
        .setBook(book.book())
        .setSymbol(book.symbol())
        .setInstrument(instrument)
        .setInstrumentType(series == null ? InstrumentType.UNDERLYING : InstrumentType.OPTION)
        .setOption(series == null ? null : spec(series))
        .setSide(quantity > 0 ? Side.BUY : Side.SELL)
        .setQuantity(Math.abs(quantity))
        .setLimitPrice(null)
        .setReason(decision.reason())
        .setPolicyVersion(decision.policyVersion())
        .setDecisionId(decision.decisionId())
        .setEventTimeMicros(EpochMicros.toInstant(decision.eventMicros()))
        .build();
  }

  /**
   * Who made a decision and why.
   *
   * @param decisionId {@code book:symbol:sequence}
   * @param reason why orders are sent
   * @param policyVersion the policy whose target it is
   * @param eventMicros event time of the decision
   */
  public record DecisionLabel(String decisionId, HedgeReason reason, String policyVersion, long eventMicros) {}
}
