package io.hedgestream.engine.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the engine keeps about one book in one underlying: the liability options, hedge holdings,
 * cash, pending hedge orders, the decision sequence, the flows and ledger of PnL accounting, and the ids
 * that make replays idempotent. A book id that trades several underlyings has one state per underlying,
 * each in the stream task of its symbol.
 *
 * <p>Mutable and confined to the stream task that owns the symbol; it is loaded from the {@code books}
 * store, changed by one input and written back.
 */
public final class BookState {

  /** Client order ids remembered per book to ignore replays (bounded: the whole state is rewritten per change). */
  public static final int RECENT_CLIENT_ORDERS = 256;
  /** Fill ids remembered per book to ignore replays. */
  public static final int RECENT_FILLS = 64;
  /** Marker of "never decided" for {@link #lastDecisionMicros()}. */
  public static final long NEVER = Long.MIN_VALUE;

  private final String book;
  private final String symbol;
  private final List<OptionPosition> options = new ArrayList<>();
  private final Map<String, Double> holdings = new TreeMap<>();
  private final Map<String, PendingOrder> pending = new LinkedHashMap<>();
  private final Map<String, Double> pendingByInstrument = new TreeMap<>();
  private final Map<String, String> releasedOrders = new TreeMap<>();
  private final Map<String, HedgeSeries> hedgeSeries = new TreeMap<>();
  private final Map<String, String> currentSeries = new TreeMap<>();
  private final StepFlows flows = new StepFlows();
  private final Ledger ledger = new Ledger();
  private final RecentIds recentClientOrders;
  private final RecentIds recentFills;
  private double cash;
  private long sequence;
  private long lastDecisionMicros = NEVER;

  /** Creates an empty book. */
  public BookState(String book, String symbol) {
    this.book = Objects.requireNonNull(book, "book");
    this.symbol = Objects.requireNonNull(symbol, "symbol");
    this.recentClientOrders = new RecentIds(RECENT_CLIENT_ORDERS);
    this.recentFills = new RecentIds(RECENT_FILLS);
  }

  /** The {@code books} store key of a book in a symbol: {@code SYMBOL/book}. */
  public static String storeKey(String book, String symbol) {
    return symbol + "/" + book;
  }

  /** This book's store key. */
  public String storeKey() {
    return storeKey(book, symbol);
  }

  /** Book id. */
  public String book() {
    return book;
  }

  /** Underlying symbol. */
  public String symbol() {
    return symbol;
  }

  /** Live liability options (mutable list). */
  public List<OptionPosition> options() {
    return options;
  }

  /**
   * Hedge holdings by instrument id (mutable, sorted by id): underlying units for the underlying, contracts
   * for a listed option series (see {@link #hedgeSeries(String)}).
   */
  public Map<String, Double> holdings() {
    return holdings;
  }

  /** Holding of one instrument, 0 when none. */
  public double holding(String instrument) {
    return holdings.getOrDefault(instrument, 0.0);
  }

  /** Adds {@code units} to a holding, removing it when it reaches exactly zero. */
  private void addHolding(String instrument, double units) {
    double next = holding(instrument) + units;
    if (next == 0) {
      holdings.remove(instrument);
    } else {
      holdings.put(instrument, next);
    }
  }

  /** Listed option series the book hedges with (held, pending or current), by option id (read-only view). */
  public Map<String, HedgeSeries> hedgeSeries() {
    return Collections.unmodifiableMap(hedgeSeries);
  }

  /** The terms of a hedge option series, or null when {@code instrument} is not one (e.g. the underlying). */
  public HedgeSeries hedgeSeries(String instrument) {
    return hedgeSeries.get(instrument);
  }

  /** The series the book currently hedges a listed family with, or null before the first resolution. */
  public HedgeSeries currentSeries(String family) {
    String id = currentSeries.get(family);
    return id == null ? null : hedgeSeries.get(id);
  }

  /** The current series of every listed family the book hedges with, by family name (a new sorted map). */
  public Map<String, HedgeSeries> currentSeriesByFamily() {
    Map<String, HedgeSeries> byFamily = new TreeMap<>();
    currentSeries.forEach((family, id) -> byFamily.put(family, hedgeSeries.get(id)));
    return byFamily;
  }

  /**
   * Makes {@code series} the family's current series (sticky until it rolls) and remembers its terms; the
   * previous series keeps its terms while it is held or pending.
   */
  public void useSeries(HedgeSeries series) {
    hedgeSeries.put(series.optionId(), series);
    currentSeries.put(series.family(), series.optionId());
    forgetIdleSeries();
  }

  /** Underlying units one unit of an instrument's holding stands for: the multiplier of an option, 1 otherwise. */
  public double unitsPerQuantity(String instrument) {
    HedgeSeries series = hedgeSeries.get(instrument);
    return series == null ? 1.0 : series.multiplier();
  }

  /**
   * Cash-settles an expired hedge series: the holding leaves the book, {@code amount} (intrinsic x contracts x
   * multiplier) goes to cash and to the step's hedge cash flows, and the series stops being current.
   */
  public void settleHedge(String optionId, double amount) {
    holdings.remove(optionId);
    cash += amount;
    flows.addHedgeSettlement(optionId, amount);
    currentSeries.values().remove(optionId);
    forgetIdleSeries();
  }

  /** Drops the terms of series that are neither held, pending nor current. */
  private void forgetIdleSeries() {
    hedgeSeries.keySet().removeIf(id -> !holdings.containsKey(id) && pendingQuantity(id) == 0
        && !currentSeries.containsValue(id) && pending.values().stream().noneMatch(o -> o.instrument().equals(id)));
  }

  /** Pending hedge orders by order id, in the order sent (read-only view). */
  public Map<String, PendingOrder> pending() {
    return Collections.unmodifiableMap(pending);
  }

  /** Registers a hedge order that was just sent. */
  public void addPending(PendingOrder order) {
    pending.put(order.orderId(), order);
    pendingByInstrument.merge(order.instrument(), order.signedRemaining(), Double::sum);
  }

  /**
   * Books a fill of {@code units} (positive) against a pending order, removing the order once done.
   *
   * @param order a pending order of this book
   * @param units filled units
   */
  public void fillPending(PendingOrder order, double units) {
    double before = order.signedRemaining();
    if (order.fill(units)) {
      pending.remove(order.orderId());
    }
    pendingByInstrument.merge(order.instrument(), order.signedRemaining() - before, Double::sum);
    if (pending.isEmpty()) {
      pendingByInstrument.clear();
    }
  }

  /**
   * Releases what the venue will no longer fill of a pending order (rejected, canceled or expired): only the
   * fills it reported that the book has not booked yet stay pending, so the next decision hedges the rest
   * again. Recorded for the next PnL event ({@link #releasedOrders()}).
   *
   * @param order a pending order of this book
   * @param unitsInTransit units the venue filled that the book has not booked yet, >= 0
   * @param outcome the final status and its reason code, e.g. {@code REJECTED NO_MARKET}
   */
  public void releasePending(PendingOrder order, double unitsInTransit, String outcome) {
    double before = order.signedRemaining();
    if (order.release(unitsInTransit)) {
      pending.remove(order.orderId());
    }
    pendingByInstrument.merge(order.instrument(), order.signedRemaining() - before, Double::sum);
    if (pending.isEmpty()) {
      pendingByInstrument.clear();
    }
    releasedOrders.put(order.orderId(), outcome);
  }

  /** Orders released since the last PnL step, by order id: final status and reason code (read-only view). */
  public Map<String, String> releasedOrders() {
    return Collections.unmodifiableMap(releasedOrders);
  }

  /** Forgets the released orders once a PnL step has reported them. */
  public void clearReleasedOrders() {
    releasedOrders.clear();
  }

  /** Signed units of {@code instrument} still to fill over all pending orders. */
  public double pendingQuantity(String instrument) {
    return pendingByInstrument.getOrDefault(instrument, 0.0);
  }

  /** Signed units still to fill by instrument (read-only view). */
  public Map<String, Double> pendingByInstrument() {
    return Collections.unmodifiableMap(pendingByInstrument);
  }

  /** Cash, money in the underlying's currency (premium, settlements, fills, fees). */
  public double cash() {
    return cash;
  }

  /**
   * Books a client trade's premium into cash and the step's flows.
   *
   * @param amount premium x client quantity x multiplier (+ when the client buys)
   */
  public void bookPremium(double amount) {
    cash += amount;
    flows.addPremium(amount);
  }

  /**
   * Books an expiry settlement into cash and the step's flows.
   *
   * @param amount intrinsic x desk contracts x multiplier (+ when the desk receives)
   */
  public void bookSettlement(double amount) {
    cash += amount;
    flows.addSettlement(amount);
  }

  /**
   * Books a hedge fill: the holding, cash (-signed quantity x units per quantity x price - fee) and the
   * step's flows. For an option series the quantity is contracts and the price is per underlying unit, so
   * the cash is contracts x multiplier x price.
   *
   * @param instrument instrument id
   * @param signedQuantity units (underlying) or contracts (option) bought (+) or sold (-)
   * @param price execution price per underlying unit
   * @param fee fee paid, >= 0
   * @param mid the engine's price of the instrument when the fill is booked (the underlying's mid, an
   *     option's model price), to measure execution cost
   */
  public void bookFill(String instrument, double signedQuantity, double price, double fee, double mid) {
    addHolding(instrument, signedQuantity);
    double signedUnits = signedQuantity * unitsPerQuantity(instrument);
    double cashBeforeFees = -signedUnits * price;
    cash += cashBeforeFees - fee;
    flows.addFill(instrument, cashBeforeFees, fee, signedUnits * (price - mid));
    forgetIdleSeries();
  }

  /** Decisions made so far. */
  public long sequence() {
    return sequence;
  }

  /** Starts the next decision and returns its sequence number (from 1). */
  public long nextSequence() {
    return ++sequence;
  }

  /** Event time of the last decision, epoch microseconds, or {@link #NEVER}. */
  public long lastDecisionMicros() {
    return lastDecisionMicros;
  }

  /** Records the event time of a decision. */
  public void setLastDecisionMicros(long micros) {
    lastDecisionMicros = micros;
  }

  /** Flows since the last step. */
  public StepFlows flows() {
    return flows;
  }

  /** The previous step's marks and the PnL history. */
  public Ledger ledger() {
    return ledger;
  }

  /** Recently booked client order ids. */
  public RecentIds recentClientOrders() {
    return recentClientOrders;
  }

  /** Recently booked fill ids. */
  public RecentIds recentFills() {
    return recentFills;
  }

  /** Earliest expiry of the live options, or {@link Long#MAX_VALUE} when there are none. */
  public long earliestExpiryMicros() {
    long earliest = Long.MAX_VALUE;
    for (OptionPosition option : options) {
      earliest = Math.min(earliest, option.expiryMicros());
    }
    for (HedgeSeries series : hedgeSeries.values()) {
      if (holdings.containsKey(series.optionId())) {
        earliest = Math.min(earliest, series.expiryMicros());
      }
    }
    return earliest;
  }

  /** True when the book holds nothing and waits for nothing: no options, holdings or pending orders. */
  public boolean isFlat() {
    return options.isEmpty() && holdings.isEmpty() && pending.isEmpty();
  }

  void writeTo(StateWriter out) {
    out.writeString(book);
    out.writeString(symbol);
    out.writeInt(options.size());
    for (OptionPosition option : options) {
      option.writeTo(out);
    }
    out.writeInt(holdings.size());
    for (Map.Entry<String, Double> holding : holdings.entrySet()) {
      out.writeString(holding.getKey());
      out.writeDouble(holding.getValue());
    }
    out.writeInt(pending.size());
    for (PendingOrder order : pending.values()) {
      order.writeTo(out);
    }
    out.writeDouble(cash);
    out.writeLong(sequence);
    out.writeLong(lastDecisionMicros);
    flows.writeTo(out);
    ledger.writeTo(out);
    recentClientOrders.writeTo(out);
    recentFills.writeTo(out);
    out.writeInt(hedgeSeries.size());
    for (HedgeSeries series : hedgeSeries.values()) {
      series.writeTo(out);
    }
    out.writeInt(currentSeries.size());
    for (Map.Entry<String, String> current : currentSeries.entrySet()) {
      out.writeString(current.getKey());
      out.writeString(current.getValue());
    }
    ledger.writeSplitTo(out);
    flows.writeSplitTo(out);
    out.writeInt(releasedOrders.size());
    for (Map.Entry<String, String> released : releasedOrders.entrySet()) {
      out.writeString(released.getKey());
      out.writeString(released.getValue());
    }
  }

  static BookState readFrom(StateReader in) {
    BookState state = new BookState(in.readString(), in.readString());
    for (int i = in.readCount(); i > 0; i--) {
      state.options.add(OptionPosition.readFrom(in));
    }
    for (int i = in.readCount(); i > 0; i--) {
      state.holdings.put(in.readString(), in.readDouble());
    }
    for (int i = in.readCount(); i > 0; i--) {
      state.addPending(PendingOrder.readFrom(in));
    }
    state.cash = in.readDouble();
    state.sequence = in.readLong();
    state.lastDecisionMicros = in.readLong();
    state.flows.readFrom(in);
    state.ledger.readFrom(in);
    state.recentClientOrders.readFrom(in);
    state.recentFills.readFrom(in);
    // Listed hedge series were appended to the layout later: a book written before them has none.
    if (in.hasRemaining()) {
      for (int i = in.readCount(); i > 0; i--) {
        HedgeSeries series = HedgeSeries.readFrom(in);
        state.hedgeSeries.put(series.optionId(), series);
      }
      for (int i = in.readCount(); i > 0; i--) {
        state.currentSeries.put(in.readString(), in.readString());
      }
    }
    // Hedge values and flows per instrument were appended after that: older books restore without them.
    if (in.hasRemaining()) {
      state.ledger.readSplitFrom(in);
      state.flows.readSplitFrom(in);
    } else {
      state.ledger.restoreWithoutSplit(state.flows);
    }
    // Orders released by their venue were appended after that: older books have released none.
    if (in.hasRemaining()) {
      for (int i = in.readCount(); i > 0; i--) {
        state.releasedOrders.put(in.readString(), in.readString());
      }
    }
    return state;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BookState that && book.equals(that.book) && symbol.equals(that.symbol)
        && options.equals(that.options) && holdings.equals(that.holdings)
        && List.copyOf(pending.values()).equals(List.copyOf(that.pending.values()))
        && Double.compare(cash, that.cash) == 0 && sequence == that.sequence
        && lastDecisionMicros == that.lastDecisionMicros && flows.equals(that.flows) && ledger.equals(that.ledger)
        && recentClientOrders.equals(that.recentClientOrders) && recentFills.equals(that.recentFills)
        && hedgeSeries.equals(that.hedgeSeries) && currentSeries.equals(that.currentSeries)
        && releasedOrders.equals(that.releasedOrders);
  }

  @Override
  public int hashCode() {
    return Objects.hash(book, symbol, sequence);
  }

  @Override
  public String toString() {
    return "BookState[" + storeKey() + " seq " + sequence + ", options " + options + ", holdings " + holdings
        + ", pending " + pending.values() + ", cash " + cash + "]";
  }
}
