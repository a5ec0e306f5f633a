package io.hedgestream.engine.processor;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.avro.Side;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.decision.BookDecider;
import io.hedgestream.engine.decision.DiagnosticsReporter;
import io.hedgestream.engine.input.DeadLetterRecord;
import io.hedgestream.engine.input.EngineInput;
import io.hedgestream.engine.input.RawRecord;
import io.hedgestream.engine.input.RejectCode;
import io.hedgestream.engine.input.Rejection;
import io.hedgestream.engine.journal.DecisionJournal;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.PolicyRegistry;
import io.hedgestream.engine.state.BookDiagnostics;
import io.hedgestream.engine.state.BookSchedule;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.engine.state.ParkedOrders;
import io.hedgestream.engine.state.PendingOrder;
import io.hedgestream.market.RegimeLabel;
import io.hedgestream.market.TradingDays;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one stateful processor of a task: all books of the task's symbols. Ticks are checked against the
 * symbol's previous tick ({@link MarketAdmission}), then update the market and the symbol's rolling state
 * and decide the books that are due; client orders are checked against the latest market, book a liability
 * and decide the book at once at that market; an order stamped after its symbol's latest tick (or of a
 * symbol with no market yet) waits, unbooked, for the first tick at or after its time, which checks it
 * against the market of its own time and books it (never check or decide at a market older than the order);
 * fills update holdings and cash; a venue's REJECTED, CANCELED or EXPIRED status releases what an order will no
 * longer fill, so the book hedges again; control commands switch the kill switch and limits (a kill flattens every
 * affected book at once). Each tick also labels the symbol's regime ({@link RegimeTracker}: a regime change
 * goes to {@code regime.events}); each decision stamps that regime on its PnL event and completes its risk
 * snapshot with the book's diagnostics ({@link DiagnosticsReporter}).
 */
public final class BookProcessor implements Processor<String, EngineInput, String, EngineOutput> {

  private static final Logger LOG = LoggerFactory.getLogger(BookProcessor.class);
  /** Final statuses after which the venue fills nothing more of an order. */
  private static final Set<OrderState> RELEASING = Set.of(OrderState.REJECTED, OrderState.CANCELED,
      OrderState.EXPIRED);

  private final long intervalMicros;
  private final BookDecider decider;
  private final Controls controls;
  private final TradingDays tradingDays;
  private final ActivePolicies policies;
  private final RegimeTracker regimes = new RegimeTracker();
  private final MarketAdmission admission;
  private final Deserializer<ClientOrder> clientOrders = Topics.ORDERS_CLIENT.valueSerde().deserializer();
  private final int riskWindow;
  private DecisionMetrics decisionMetrics;
  private ProcessorContext<String, EngineOutput> context;
  private EngineState state;
  private Record<String, EngineInput> current;

  private BookProcessor(EngineConfig config, PolicyRegistry registry, DecisionJournal journal) {
    this.intervalMicros = Math.max(1, config.decisionInterval().toNanos() / 1_000);
    this.tradingDays = new TradingDays(config.rollingZone());
    this.riskWindow = config.riskWindow();
    this.policies = new ActivePolicies(registry);
    this.decider = new BookDecider(policies, config.lotSize(), config.riskWindow())
        .listedOptions(config.listedOptions())
        .journalTo(journal);
    this.controls = new Controls(config.limits(), policies);
    this.admission = new MarketAdmission(config.inputLimits());
  }

  /**
   * The supplier of book processors; it declares the stores, so the topology connects them.
   *
   * @param config engine configuration
   * @param policies the engine instance's policies (shared by all tasks: policies keep no per-book state)
   * @param journal where every decision is journaled (shared by all tasks; thread-safe)
   * @return the supplier
   */
  public static ProcessorSupplier<String, EngineInput, String, EngineOutput> supplier(EngineConfig config,
      PolicyRegistry policies, DecisionJournal journal) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, EngineInput, String, EngineOutput> get() {
        return new BookProcessor(config, policies, journal);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return EngineStores.builders(config.storeType());
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, EngineOutput> context) {
    this.context = context;
    this.state = new EngineState(context);
    policies.bind(state);
    this.decisionMetrics = DecisionMetrics.register(context.metrics());
  }

  @Override
  public void process(Record<String, EngineInput> record) {
    current = record;
    try {
      EngineInput input = record.value();
      if (input instanceof EngineInput.Tick tick) {
        onTick(tick);
      } else if (input instanceof EngineInput.ClientTrade trade) {
        onClientTrade(trade);
      } else if (input instanceof EngineInput.HedgeFill fill) {
        onFill(fill);
      } else if (input instanceof EngineInput.HedgeOrderStatus status) {
        onOrderStatus(status);
      } else if (input instanceof EngineInput.Control control) {
        onControl(control);
      }
    } catch (RuntimeException e) {
      state.clearCaches();
      regimes.clear();
      throw e;
    }
  }

  private void onTick(EngineInput.Tick tick) {
    String symbol = tick.tick().getSymbol();
    MarketSnapshot previous = state.market(symbol);
    Rejection refused = admission.tick(tick, previous);
    if (refused != null) {
      deadLetter(Topics.MD_TICKS, tick.raw(), refused);
      return;
    }
    MarketSnapshot market = state.putMarket(tick);
    state.updateRolling(symbol, tradingDays.dayOf(market.eventMicros()), tick.tick().getLast(),
        tick.tick().getVolume());
    regimes.onTick(state, symbol, state.rolling(symbol), market.eventMicros())
        .ifPresent(change -> forward(symbol, new EngineOutput.Regime(change)));
    bookParkedOrders(symbol, market);
    BookSchedule schedule = state.schedule(symbol);
    if (schedule == null || !schedule.anyDue(market.eventMicros())) {
      return;
    }
    List<BookState> due = new ArrayList<>();
    for (String book : schedule.dueAt(market.eventMicros())) {
      BookState state = this.state.book(book, symbol);
      if (state != null) {
        due.add(state);
      }
    }
    decide(schedule, due, market);
  }

  /**
   * At a tick: checks the client orders that waited for a market of their time against this one, books
   * those that pass (to be decided at this tick) and dead-letters the others; orders stamped after this tick
   * wait on.
   */
  private void bookParkedOrders(String symbol, MarketSnapshot market) {
    if (!state.hasParked(symbol)) {
      return;
    }
    List<ParkedOrders.Parked> later = new ArrayList<>();
    for (ParkedOrders.Parked parked : state.unpark(symbol)) {
      ClientOrder order = clientOrders.deserialize(parked.topic(), parked.value());
      if (newerThanMarket(order, market)) {
        later.add(parked);
        continue;
      }
      Rejection refused = admission.clientOrder(order, market);
      if (refused != null) {
        RawRecord raw = new RawRecord(parked.topic(), parked.partition(), parked.offset(), parked.key(),
            parked.value());
        deadLetter(Topics.ORDERS_CLIENT, raw, refused);
        continue;
      }
      BookState book = bookedOnce(order);
      if (book != null) {
        BookSchedule schedule = state.scheduleOrNew(symbol);
        state.saveBook(book);
        schedule.schedule(book.book(), BookSchedule.NOW);
        state.saveSchedule(schedule);
      }
    }
    state.parkAll(symbol, later);
  }

  /**
   * A client order: parked while its symbol has no market or its time is after the latest tick (after
   * checking its lead over that tick); otherwise checked against the latest market, booked and decided at it.
   */
  private void onClientTrade(EngineInput.ClientTrade trade) {
    ClientOrder order = trade.order();
    MarketSnapshot market = state.market(order.getSymbol());
    boolean waits = market == null || newerThanMarket(order, market);
    if (market != null) {
      Rejection refused = waits ? admission.clientOrderLead(order, market) : admission.clientOrder(order, market);
      if (refused != null) {
        deadLetter(Topics.ORDERS_CLIENT, trade.raw(), refused);
        return;
      }
    }
    if (waits) {
      RawRecord raw = trade.raw();
      state.park(order.getSymbol(), new ParkedOrders.Parked(raw.topic(), raw.partition(), raw.offset(), raw.key(),
          raw.value()));
      return;
    }
    BookState book = bookedOnce(order);
    if (book != null) {
      decide(state.scheduleOrNew(order.getSymbol()), List.of(book), market);
    }
  }

  /** Books the order's liability in its book (created when new); null when the order was booked before. */
  private BookState bookedOnce(ClientOrder order) {
    BookState book = state.book(order.getBook(), order.getSymbol());
    if (book == null) {
      book = new BookState(order.getBook(), order.getSymbol());
    } else if (book.recentClientOrders().contains(order.getOrderId())) {
      LOG.info("client order {} already booked in {}; replay ignored", order.getOrderId(), book.storeKey());
      return null;
    }
    bookLiability(book, order);
    return book;
  }

  /**
   * Whether a client order is stamped after the symbol's latest tick (a replay publishes day t's orders,
   * stamped at day t's close, just before day t's tick): it is checked and booked at the market of its time.
   */
  private static boolean newerThanMarket(ClientOrder order, MarketSnapshot market) {
    return EpochMicros.of(order.getEventTimeMicros()) > market.eventMicros();
  }

  private static void bookLiability(BookState book, ClientOrder order) {
    PutCall putCall = PutCall.valueOf(order.getOption().getOptionType().name());
    double strike = order.getOption().getStrike();
    long expiry = io.hedgestream.basics.EpochMicros.of(order.getOption().getExpiryMicros());
    double multiplier = order.getOption().getMultiplier();
    double deskQuantity = -order.getQuantity();
    OptionPosition existing = null;
    for (OptionPosition option : book.options()) {
      if (option.sameContract(putCall, strike, expiry, multiplier)) {
        existing = option;
      }
    }
    if (existing != null) {
      existing.addDeskQuantity(deskQuantity);
    } else {
      book.options().add(OptionPosition.open(book.symbol(), putCall, strike, expiry, multiplier, deskQuantity, 0));
    }
    book.bookPremium(order.getPremium() * order.getQuantity() * multiplier);
    book.recentClientOrders().add(order.getOrderId());
  }

  private void onFill(EngineInput.HedgeFill input) {
    Fill fill = input.fill();
    BookState book = state.book(fill.getBook(), fill.getSymbol());
    if (book != null && book.recentFills().contains(fill.getFillId())) {
      LOG.info("fill {} already booked in {}; replay ignored", fill.getFillId(), book.storeKey());
      return;
    }
    PendingOrder order = book == null ? null : book.pending().get(fill.getOrderId());
    if (order == null) {
      deadLetter(Topics.FILLS_HEDGE, input.raw(), RejectCode.UNKNOWN_ORDER, "order " + fill.getOrderId()
          + " is not pending in book " + fill.getBook() + " of " + fill.getSymbol());
      return;
    }
    boolean buy = fill.getSide() == Side.BUY;
    if (!order.instrument().equals(fill.getInstrument()) || buy != order.isBuy()) {
      deadLetter(Topics.FILLS_HEDGE, input.raw(), RejectCode.FILL_MISMATCH, "fill " + fill.getSide() + " "
          + fill.getInstrument() + " does not match pending order " + order);
      return;
    }
    MarketSnapshot market = state.market(fill.getSymbol());
    Rejection refused = admission.fill(fill, book, order, market);
    if (refused != null) {
      deadLetter(Topics.FILLS_HEDGE, input.raw(), refused);
      return;
    }
    double signedUnits = buy ? fill.getQuantity() : -fill.getQuantity();
    // Execution cost is measured against the engine's own price: the mid, or an option series' model price.
    double mid = market == null ? fill.getPrice() : BookMarker.instrumentPrice(book, fill.getInstrument(), market);
    book.bookFill(fill.getInstrument(), signedUnits, fill.getPrice(), fill.getFee(), mid);
    book.fillPending(order, fill.getQuantity());
    book.recentFills().add(fill.getFillId());
    state.saveBook(book);
  }

  /**
   * A venue's status of a hedge order. A REJECTED, CANCELED or EXPIRED order of a book releases its unfilled
   * rest, keeping pending only the fills the venue reported that have not reached the book yet, so the
   * book's next decision hedges the rest again; the next PnL event names it. Other statuses change nothing
   * (fills come on fills.hedge). A status of an order the book does not hold pending (already filled or
   * released, a status repeated after a gateway restart) is ignored; one that contradicts the pending
   * order's instrument or side is dead-lettered.
   */
  private void onOrderStatus(EngineInput.HedgeOrderStatus input) {
    OrderStatus status = input.status();
    if (!RELEASING.contains(status.getStatus())) {
      return;
    }
    BookState book = state.book(status.getBook(), status.getSymbol());
    PendingOrder order = book == null ? null : book.pending().get(status.getOrderId());
    if (order == null) {
      LOG.debug("{} status of order {} that is not pending in book {}; ignored", status.getStatus(),
          status.getOrderId(), status.getBook());
      return;
    }
    if (!order.instrument().equals(status.getInstrument()) || (status.getSide() == Side.BUY) != order.isBuy()) {
      deadLetter(Topics.ORDERS_STATUS, input.raw(), RejectCode.STATUS_MISMATCH, "status " + status.getSide() + " "
          + status.getInstrument() + " does not match pending order " + order);
      return;
    }
    double booked = status.getOrderQuantity() - Math.abs(order.signedRemaining());
    double inTransit = status.getCumulativeQuantity() - booked;
    String outcome = status.getReasonCode() == null ? status.getStatus().name()
        : status.getStatus() + " " + status.getReasonCode();
    book.releasePending(order, inTransit, outcome);
    state.saveBook(book);
    LOG.info("order {} of book {} {}: its unfilled rest is released ({})", order.orderId(), book.book(),
        status.getStatus(), status.getReasonText() == null ? outcome : status.getReasonText());
  }

  private void onControl(EngineInput.Control control) {
    List<String> killed = controls.apply(state, control);
    for (String symbol : killed) {
      BookSchedule schedule = state.schedule(symbol);
      if (schedule == null) {
        continue;
      }
      List<BookState> exposed = new ArrayList<>();
      for (String id : schedule.books()) {
        BookState book = state.book(id, symbol);
        if (book != null && !book.isFlat()) {
          exposed.add(book);
        }
      }
      MarketSnapshot market = state.market(symbol);
      if (market != null) {
        decide(schedule, exposed, market);
      } else {
        exposed.forEach(book -> schedule.schedule(book.book(), BookSchedule.NOW));
        state.saveSchedule(schedule);
      }
    }
  }

  private void decide(BookSchedule schedule, List<BookState> books, MarketSnapshot market) {
    if (books.isEmpty()) {
      return;
    }
    String symbol = schedule.symbol();
    List<BookDecider.Request> requests = new ArrayList<>(books.size());
    for (BookState book : books) {
      requests.add(new BookDecider.Request(book, controls.killed(state, symbol), controls.limits(state, symbol)));
    }
    RegimeLabel regime = regimes.current(symbol, state.rolling(symbol));
    for (BookDecider.Outcome outcome : decider.decide(requests, market, state.rolling(symbol).features())) {
      BookState book = outcome.book();
      decisionMetrics.record(outcome.pnl());
      RiskSnapshot risk = diagnose(book, outcome, regime);
      state.saveBook(book);
      schedule.schedule(book.book(), nextDue(book, market.eventMicros()));
      outcome.orders().forEach(order -> forward(symbol, new EngineOutput.Order(order)));
      forward(symbol, new EngineOutput.Pnl(outcome.pnl()));
      forward(symbol, new EngineOutput.Risk(risk));
    }
    state.saveSchedule(schedule);
  }

  /** Stamps the step's regime on its PnL event and completes its risk snapshot with the book's diagnostics. */
  private RiskSnapshot diagnose(BookState book, BookDecider.Outcome outcome, RegimeLabel regime) {
    outcome.pnl().setRegime(regime.regime().name());
    outcome.pnl().setLiquidityTag(regime.liquidity().name());
    BookDiagnostics diagnostics = state.diagnostics(book);
    RiskSnapshot risk = DiagnosticsReporter.complete(diagnostics, outcome.pnl(), outcome.risk(), riskWindow);
    state.saveDiagnostics(book, diagnostics);
    return risk;
  }

  private long nextDue(BookState book, long nowMicros) {
    if (book.isFlat()) {
      return BookSchedule.DORMANT;
    }
    long interval = nowMicros > Long.MAX_VALUE - intervalMicros ? Long.MAX_VALUE : nowMicros + intervalMicros;
    return Math.min(interval, book.earliestExpiryMicros());
  }

  private void deadLetter(Topic<?, ?> source, RawRecord raw, Rejection rejection) {
    deadLetter(source, raw, rejection.code(), rejection.reason());
  }

  private void deadLetter(Topic<?, ?> source, RawRecord raw, RejectCode code, String reason) {
    LOG.debug("dead-lettering {} record at {}-{}@{}: {} {}", source, raw.topic(), raw.partition(), raw.offset(),
        code, reason);
    forward(current.key(), new EngineOutput.Dead(
        DeadLetterRecord.of(source, raw, code, reason, context.currentSystemTimeMs() * 1_000L)));
  }

  private void forward(String symbol, EngineOutput output) {
    context.forward(current.withKey(symbol).withValue(output));
  }
}
