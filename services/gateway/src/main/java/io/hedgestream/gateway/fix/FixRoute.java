package io.hedgestream.gateway.fix;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OrderState;
import io.hedgestream.gateway.ExecutionListener;
import io.hedgestream.gateway.LatestQuotes;
import io.hedgestream.gateway.OrderRoute;
import io.hedgestream.gateway.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.UnsupportedMessageType;
import quickfix.field.AvgPx;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.Commission;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Password;
import quickfix.field.RefSeqNum;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.field.Username;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderStatusRequest;

/**
 * The order route to a desk's OMS or broker over a FIX 4.4 session, QuickFIX/J initiator.
 *
 * <p>Sending: an accepted order goes to a sender thread, which writes its ClOrdID (the engine's order id) to
 * the {@link SentOrderJournal} and forces it to disk, then sends the NewOrderSingle ({@link FixMessages});
 * orders accepted while the session is down wait here (and may expire or be canceled by the gateway) and go
 * out on logon. An order already in the journal (sent before a crash or restart) is never sent again: the
 * route asks for its state with an OrderStatusRequest instead.
 *
 * <p>Answers: every ExecutionReport is matched by ClOrdID. Fills (ExecType 1, 2, F) become {@link Fill}s
 * with id {@code <ClOrdID>/<ExecID>} (an ExecID seen before for the order, a possible duplicate resent by the
 * venue, is dropped); ExecType 0 acknowledges, 8 rejects, 4 cancels, C expires; ExecType I (order status)
 * reconciles: a fill the venue reports beyond what this route has seen is booked as one catch-up fill, and
 * an order the venue does not know (OrdRejReason 5) was never executed and is rejected. Business and session
 * rejects of a NewOrderSingle reject its order. A fill that is not a positive, finite quantity and price is
 * refused at the FIX level and never reaches the gateway.
 *
 * <p>An order re-read after a restart starts from what the gateway published of it then
 * ({@link #publishedBefore}, from the gateway's commit). Failing closed: an order whose state the venue does
 * not tell within {@code gateway.fix.reconcile-timeout} of a logon, one the venue reports less filled than
 * booked, and one re-read after a restart without that figure for which the venue reports fills, are reported
 * in doubt ({@link ExecutionListener#onInDoubt}): the gateway halts its symbol and the order stays open.
 *
 * <p>Threads: {@link #submit} and {@link #onMarketData} on the gateway's consumer thread; the session's
 * callbacks on QuickFIX/J's thread; sends on the sender thread; cancels and timeouts on a timer thread.
 */
public final class FixRoute implements OrderRoute {

  private static final Logger LOG = LoggerFactory.getLogger(FixRoute.class);
  /** The venue name on fills and statuses. */
  public static final String VENUE = "fix";
  /** Reject codes this route writes on orders.status. */
  public static final String VENUE_REJECTED = "VENUE_REJECTED";
  public static final String VENUE_UNKNOWN_ORDER = "VENUE_UNKNOWN_ORDER";
  public static final String BUSINESS_REJECT = "FIX_BUSINESS_REJECT";
  public static final String SESSION_REJECT = "FIX_SESSION_REJECT";
  public static final String VENUE_CANCELED = "VENUE_CANCELED";
  public static final String VENUE_EXPIRED = "VENUE_EXPIRED";
  /** The suffix of a cancel request's ClOrdID: {@code <order ClOrdID>~c}. */
  static final String CANCEL_SUFFIX = "~c";
  private static final double QUANTITY_TOLERANCE = 1e-9;
  private static final int SENT_SEQUENCES_KEPT = 100_000;

  /** An order at the venue (or on its way), as this route knows it. */
  private static final class Working {
    final HedgeOrder order;
    final long sinceNanos;
    /**
     * Sent by an earlier run (found in the journal) and the gateway could not say what of it was published
     * then: fills the venue reports beyond this run's cannot be told from those.
     */
    final boolean fromEarlierRun;
    final Set<String> execIds = ConcurrentHashMap.newKeySet();
    double reportedQuantity;
    double reportedNotional;
    boolean acknowledged;
    boolean cancelSent;
    boolean inDoubt;
    /** When a status request went out and is unanswered (monotonic nanos), or 0. */
    long statusRequestedNanos;

    Working(HedgeOrder order, long sinceNanos, boolean fromEarlierRun) {
      this.order = order;
      this.sinceNanos = sinceNanos;
      this.fromEarlierRun = fromEarlierRun;
    }
  }

  private record Held(HedgeOrder order, long sinceNanos) {}

  private final FixSettings settings;
  private final ExecutionListener listener;
  private final SentOrderJournal journal;
  private final SocketInitiator initiator;
  private final SessionID sessionId;
  private final Map<String, Working> working = new ConcurrentHashMap<>();
  private final Deque<Held> held = new ArrayDeque<>();
  private final LinkedBlockingQueue<HedgeOrder> outbound = new LinkedBlockingQueue<>();
  private final Map<Integer, String> sentSequences = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
      return size() > SENT_SEQUENCES_KEPT;
    }
  };
  private final Thread sender;
  private final ScheduledExecutorService timer;
  private final Consumer<MarketTick> marketData;
  private final LatestQuotes latestQuotes = new LatestQuotes(Duration.ofHours(1));
  private final AtomicLong refused = new AtomicLong();
  /** What the gateway published of orders sent before this run ({@link #publishedBefore}): quantity, notional. */
  private final Map<String, double[]> publishedEarlier = new ConcurrentHashMap<>();
  private volatile boolean loggedOn;
  private volatile boolean closed;

  /**
   * A route over the first session of {@code settings.sessionFile()}, connecting at once (and again, with
   * the file's ReconnectInterval, whenever the session drops).
   *
   * @param settings the route's settings
   * @param listener where executions go
   */
  public FixRoute(FixSettings settings, ExecutionListener listener) {
    this(settings, listener, tick -> { });
  }

  /**
   * A route that also hands every tick to {@code marketData} (the demo's in-process paper venue, which needs
   * the market to fill at).
   */
  public FixRoute(FixSettings settings, ExecutionListener listener, Consumer<MarketTick> marketData) {
    this.settings = settings;
    this.listener = listener;
    this.marketData = marketData;
    this.journal = new SentOrderJournal(settings.stateDir().resolve("fix-sent-orders.log"));
    SessionSettings sessionSettings = load(settings);
    try {
      Iterator<SessionID> sessions = sessionSettings.sectionIterator();
      if (!sessions.hasNext()) {
        throw new IllegalArgumentException(settings.sessionFile() + " defines no [session]");
      }
      this.sessionId = sessions.next();
      this.initiator = new SocketInitiator(new SessionApplication(), new FileStoreFactory(sessionSettings),
          sessionSettings, new RedactingLogFactory(sessionSettings), new DefaultMessageFactory());
    } catch (ConfigError e) {
      throw new IllegalArgumentException(settings.sessionFile() + ": " + e.getMessage(), e);
    }
    this.sender = new Thread(this::sendLoop, "fix-sender");
    this.sender.setDaemon(true);
    this.sender.start();
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "fix-timer");
      thread.setDaemon(true);
      return thread;
    });
    this.timer.scheduleWithFixedDelay(this::checkTimes, 200, 200, TimeUnit.MILLISECONDS);
    try {
      initiator.start();
    } catch (ConfigError e) {
      close();
      throw new IllegalArgumentException(settings.sessionFile() + ": " + e.getMessage(), e);
    }
    LOG.info("FIX route: session {} from {}, state in {}, {} ClOrdIDs already sent", sessionId,
        settings.sessionFile(), settings.stateDir(), journal.size());
  }

  /** The QuickFIX/J settings of the route, its message store under the state directory. */
  static SessionSettings load(FixSettings settings) {
    try (InputStream in = Files.newInputStream(settings.sessionFile())) {
      SessionSettings sessionSettings = new SessionSettings(in);
      sessionSettings.setString("FileStorePath", settings.stateDir().resolve("fix-store").toString());
      return sessionSettings;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the FIX session file " + settings.sessionFile(), e);
    } catch (ConfigError e) {
      throw new IllegalArgumentException(settings.sessionFile() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String venue() {
    return VENUE;
  }

  @Override
  public boolean acknowledgesOrders() {
    return true;
  }

  /** Remembers what of an order sent before this run the gateway published, for its reconciliation. */
  @Override
  public void publishedBefore(HedgeOrder order, double quantity, double notional) {
    publishedEarlier.put(order.getOrderId(), new double[] {quantity, notional});
  }

  /** Whether the journal has the order's ClOrdID: it left in an earlier run. */
  @Override
  public boolean sentBefore(HedgeOrder order) {
    return journal.contains(order.getOrderId());
  }

  @Override
  public Optional<Rejection> submit(HedgeOrder order) {
    if (order.getInstrumentType() == InstrumentType.OPTION && order.getOption() == null) {
      return Optional.of(new Rejection(Rejection.INVALID_OPTION, "option order without contract terms"));
    }
    String id = order.getOrderId();
    if (working.containsKey(id)) {
      return Optional.of(new Rejection(Rejection.INVALID_ORDER, "ClOrdID " + id + " is working already"));
    }
    long now = System.nanoTime();
    if (journal.contains(id)) {
      double[] earlier = publishedEarlier.remove(id);
      Working order0 = new Working(order, now, earlier == null);
      if (earlier != null) {
        order0.reportedQuantity = earlier[0];
        order0.reportedNotional = earlier[1];
      }
      working.put(id, order0);
      LOG.info("order {} was sent before this run: asking the venue for its state, not sending it again", id);
      if (loggedOn) {
        requestStatus(order0);
      }
      return Optional.empty();
    }
    synchronized (held) {
      if (!loggedOn) {
        held.addLast(new Held(order, now));
        return Optional.empty();
      }
    }
    working.put(id, new Working(order, now, false));
    outbound.add(order);
    return Optional.empty();
  }

  /**
   * Hands the tick to the in-process venue (the demo's) and holds it as the symbol's latest quote: the
   * pre-trade checks in front of this route need a reference quote, also right after a restart.
   */
  @Override
  public void onMarketData(MarketTick tick, Runnable release) {
    marketData.accept(tick);
    latestQuotes.hold(tick.getSymbol(), release);
  }

  @Override
  public List<HedgeOrder> takeBackWaiting(WaitingFilter which) {
    List<HedgeOrder> taken = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (held) {
      held.removeIf(h -> which.test(h.order(), Duration.ofNanos(now - h.sinceNanos())) && taken.add(h.order()));
    }
    return taken;
  }

  @Override
  public int cancelWorking(String symbol) {
    int sent = 0;
    for (Working order : working.values()) {
      if (symbol.equals("*") || symbol.equals(order.order.getSymbol())) {
        sent += cancel(order, "halted") ? 1 : 0;
      }
    }
    return sent;
  }

  @Override
  public String stuckOrders(Duration age) {
    long now = System.nanoTime();
    List<String> stuck = new ArrayList<>();
    synchronized (held) {
      held.stream().filter(h -> now - h.sinceNanos() > age.toNanos())
          .forEach(h -> stuck.add(h.order().getOrderId() + " waits for the FIX session to log on"));
    }
    working.values().stream().filter(w -> now - w.sinceNanos > age.toNanos())
        .forEach(w -> stuck.add(w.order.getOrderId() + (w.inDoubt ? " is in doubt" : " works at the venue")));
    return String.join("; ", stuck);
  }

  @Override
  public String sessionStatus() {
    Session session = Session.lookupSession(sessionId);
    String sequences = "";
    if (session != null) {
      try {
        sequences = " seq out=" + session.getStore().getNextSenderMsgSeqNum() + " in="
            + session.getStore().getNextTargetMsgSeqNum();
      } catch (IOException e) {
        sequences = " seq unreadable";
      }
    }
    long inDoubt = working.values().stream().filter(w -> w.inDoubt).count();
    return "fix " + sessionId.getSenderCompID() + "->" + sessionId.getTargetCompID() + " "
        + (loggedOn ? "up" : "DOWN") + sequences + (inDoubt > 0 ? " IN-DOUBT=" + inDoubt : "")
        + (refused.get() > 0 ? " refused-msgs=" + refused.get() : "");
  }

  @Override
  public Optional<SessionState> session() {
    Session session = Session.lookupSession(sessionId);
    long out = -1;
    long in = -1;
    if (session != null) {
      try {
        out = session.getStore().getNextSenderMsgSeqNum();
        in = session.getStore().getNextTargetMsgSeqNum();
      } catch (IOException e) {
        // Unreadable store: the sequence gauges show -1, the session gauge still tells up or down.
      }
    }
    return Optional.of(new SessionState(loggedOn, out, in, working.values().stream().filter(w -> w.inDoubt).count()));
  }

  /** Whether the session is logged on. */
  public boolean loggedOn() {
    return loggedOn;
  }

  @Override
  public int openOrders() {
    synchronized (held) {
      return working.size() + held.size();
    }
  }

  /** Logs out, stops the session and the route's threads; answers still in flight are not waited for. */
  @Override
  public void close() {
    closed = true;
    sender.interrupt();
    timer.shutdownNow();
    if (initiator != null) {
      initiator.stop();
    }
    try {
      sender.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.close();
  }

  private void sendLoop() {
    List<HedgeOrder> batch = new ArrayList<>();
    while (!closed) {
      try {
        batch.add(outbound.take());
      } catch (InterruptedException e) {
        return;
      }
      outbound.drainTo(batch);
      journal.recordAll(batch.stream().map(HedgeOrder::getOrderId).toList());
      for (HedgeOrder order : batch) {
        try {
          if (!Session.sendToTarget(FixMessages.newOrderSingle(order), sessionId)) {
            LOG.warn("order {} stored, not sent: the session dropped; it is resent or reconciled at the next logon",
                order.getOrderId());
          }
        } catch (SessionNotFound e) {
          LOG.error("order {} not sent: no session {}", order.getOrderId(), sessionId);
        }
      }
      batch.clear();
    }
  }

  /** Sends the cancel of {@code order} once; false when one was sent already or the session is down. */
  private boolean cancel(Working order, String why) {
    synchronized (order) {
      if (order.cancelSent || !loggedOn || order.inDoubt) {
        return false;
      }
      order.cancelSent = true;
    }
    HedgeOrder o = order.order;
    OrderCancelRequest request = new OrderCancelRequest(new OrigClOrdID(o.getOrderId()),
        new ClOrdID(o.getOrderId() + CANCEL_SUFFIX), new Side(o.getSide() == io.hedgestream.avro.Side.BUY ? Side.BUY : Side.SELL),
        new TransactTime(FixMessages.utc(Instant.now())));
    request.set(new Symbol(o.getSymbol()));
    request.set(new OrderQty(o.getQuantity()));
    request.set(new Text(why));
    listener.onCancelRequested(o);
    send(request);
    return true;
  }

  private void requestStatus(Working order) {
    OrderStatusRequest request = new OrderStatusRequest(new ClOrdID(order.order.getOrderId()),
        new Side(order.order.getSide() == io.hedgestream.avro.Side.BUY ? Side.BUY : Side.SELL));
    request.set(new Symbol(order.order.getSymbol()));
    synchronized (order) {
      order.statusRequestedNanos = Math.max(1, System.nanoTime());
    }
    send(request);
  }

  private void send(Message message) {
    try {
      Session.sendToTarget(message, sessionId);
    } catch (SessionNotFound e) {
      LOG.error("no FIX session {}: {} not sent", sessionId, message.getClass().getSimpleName());
    }
  }

  /** Cancels orders past {@code cancel-after}; reports orders whose status request went unanswered. */
  private void checkTimes() {
    try {
      long now = System.nanoTime();
      for (Working order : working.values()) {
        if (!settings.cancelAfter().isZero() && now - order.sinceNanos > settings.cancelAfter().toNanos()
            && order.statusRequestedNanos == 0) {
          cancel(order, "working longer than gateway.fix.cancel-after=" + settings.cancelAfter());
        }
        long asked = order.statusRequestedNanos;
        if (asked != 0 && loggedOn && now - asked > settings.reconcileTimeout().toNanos()) {
          inDoubt(order, "the venue did not answer its status request within " + settings.reconcileTimeout());
        }
      }
    } catch (RuntimeException e) {
      LOG.error("FIX route timer", e);
    }
  }

  private void inDoubt(Working order, String why) {
    synchronized (order) {
      if (order.inDoubt) {
        return;
      }
      order.inDoubt = true;
      order.statusRequestedNanos = 0;
    }
    LOG.error("order {} ({}) is IN DOUBT: {}; its symbol is halted until an operator resumes it",
        order.order.getOrderId(), order.order.getSymbol(), why);
    listener.onInDoubt(order.order, why);
  }

  private void onLogon() {
    List<HedgeOrder> release;
    synchronized (held) {
      loggedOn = true;
      release = held.stream().map(Held::order).toList();
      held.clear();
    }
    for (Working order : working.values()) {
      if (!order.acknowledged && !order.inDoubt) {
        requestStatus(order);
      }
    }
    long now = System.nanoTime();
    for (HedgeOrder order : release) {
      working.put(order.getOrderId(), new Working(order, now, false));
      outbound.add(order);
    }
    LOG.info("FIX session {} logged on: {} held orders sent, {} orders reconciled", sessionId, release.size(),
        working.size() - release.size());
  }

  private void onExecutionReport(Message report) throws FieldNotFound, IncorrectTagValue {
    String clOrdId = report.isSetField(OrigClOrdID.FIELD) ? report.getString(OrigClOrdID.FIELD)
        : report.getString(ClOrdID.FIELD);
    if (clOrdId.endsWith(CANCEL_SUFFIX)) {
      clOrdId = clOrdId.substring(0, clOrdId.length() - CANCEL_SUFFIX.length());
    }
    Working order = working.get(clOrdId);
    if (order == null) {
      refused.incrementAndGet();
      LOG.warn("ExecutionReport for ClOrdID {} that is not working here ignored: {}", clOrdId,
          RedactingLogFactory.redact(report.toString()));
      return;
    }
    char execType = report.getChar(ExecType.FIELD);
    String text = report.isSetField(Text.FIELD) ? report.getString(Text.FIELD) : "";
    switch (execType) {
      case ExecType.NEW -> {
        boolean first;
        synchronized (order) {
          first = !order.acknowledged;
          order.acknowledged = true;
        }
        if (first) {
          listener.onAccepted(order.order, report.isSetField(OrderID.FIELD) ? report.getString(OrderID.FIELD) : null);
        }
      }
      case ExecType.PARTIAL_FILL, ExecType.FILL, ExecType.TRADE -> onTrade(order, report);
      case ExecType.REJECTED -> {
        String reason = "OrdRejReason=" + (report.isSetField(OrdRejReason.FIELD) ? report.getInt(OrdRejReason.FIELD) : "?")
            + " " + text;
        end(order, () -> listener.onReject(order.order, new Rejection(VENUE_REJECTED, reason)));
      }
      case ExecType.CANCELED -> end(order, () -> listener.onEnded(order.order, OrderState.CANCELED,
          new Rejection(VENUE_CANCELED, text.isEmpty() ? "canceled at the venue" : text)));
      case ExecType.EXPIRED -> end(order, () -> listener.onEnded(order.order, OrderState.EXPIRED,
          new Rejection(VENUE_EXPIRED, text.isEmpty() ? "expired at the venue" : text)));
      case ExecType.ORDER_STATUS -> reconcile(order, report, text);
      case ExecType.PENDING_CANCEL, ExecType.PENDING_NEW -> { }
      default -> LOG.info("ExecutionReport ExecType={} of order {} ignored", execType, clOrdId);
    }
  }

  private void onTrade(Working order, Message report) throws FieldNotFound, IncorrectTagValue {
    String execId = report.getString(ExecID.FIELD);
    double quantity = report.getDouble(LastQty.FIELD);
    double price = report.getDouble(LastPx.FIELD);
    if (!(quantity > 0) || !Double.isFinite(quantity)) {
      throw new IncorrectTagValue(LastQty.FIELD, String.valueOf(quantity));
    }
    if (!(price > 0) || !Double.isFinite(price)) {
      throw new IncorrectTagValue(LastPx.FIELD, String.valueOf(price));
    }
    double fee = report.isSetField(Commission.FIELD) ? report.getDouble(Commission.FIELD) : 0;
    if (!(fee >= 0) || !Double.isFinite(fee)) {
      throw new IncorrectTagValue(Commission.FIELD, String.valueOf(fee));
    }
    boolean last;
    double leaves;
    synchronized (order) {
      if (!order.execIds.add(execId)) {
        LOG.info("ExecID {} of order {} seen before (a resend): dropped", execId, order.order.getOrderId());
        return;
      }
      double after = order.reportedQuantity + quantity;
      if (after > order.order.getQuantity() * (1 + QUANTITY_TOLERANCE)) {
        order.execIds.remove(execId);
        throw new IncorrectTagValue(LastQty.FIELD, quantity + " overfills order " + order.order.getOrderId());
      }
      order.reportedQuantity = after;
      order.reportedNotional += quantity * price;
      order.acknowledged = true;
      leaves = Math.max(0, order.order.getQuantity() - after);
      last = leaves <= order.order.getQuantity() * QUANTITY_TOLERANCE;
    }
    Fill fill = fill(order.order, order.order.getOrderId() + "/" + execId, quantity, price, fee, leaves);
    if (last) {
      working.remove(order.order.getOrderId());
    }
    listener.onFills(order.order, List.of(fill));
  }

  /** An OrderStatusRequest answered: book what the venue filled beyond what this run saw, then its end. */
  private void reconcile(Working order, Message report, String text) throws FieldNotFound {
    synchronized (order) {
      order.statusRequestedNanos = 0;
    }
    char status = report.getChar(OrdStatus.FIELD);
    if (status == OrdStatus.REJECTED && report.isSetField(OrdRejReason.FIELD)
        && report.getInt(OrdRejReason.FIELD) == OrdRejReason.UNKNOWN_ORDER) {
      end(order, () -> listener.onReject(order.order, new Rejection(VENUE_UNKNOWN_ORDER,
          "the venue does not know the order (it never arrived, or the venue lost it): " + text)));
      return;
    }
    double venueQuantity = report.isSetField(CumQty.FIELD) ? report.getDouble(CumQty.FIELD) : 0;
    double venueAverage = report.isSetField(AvgPx.FIELD) ? report.getDouble(AvgPx.FIELD) : 0;
    double missing;
    double missingNotional;
    synchronized (order) {
      missing = venueQuantity - order.reportedQuantity;
      missingNotional = venueQuantity * venueAverage - order.reportedNotional;
    }
    double tolerance = order.order.getQuantity() * QUANTITY_TOLERANCE;
    if (missing < -tolerance || venueQuantity > order.order.getQuantity() * (1 + QUANTITY_TOLERANCE)) {
      inDoubt(order, "the venue reports " + venueQuantity + " filled, this gateway booked " + order.reportedQuantity);
      return;
    }
    if (missing > tolerance && order.fromEarlierRun) {
      inDoubt(order, "the venue reports " + venueQuantity + " filled at " + venueAverage + " for an order sent "
          + "before this gateway restarted; how much of it was booked then is not known here");
      return;
    }
    if (!order.acknowledged) {
      synchronized (order) {
        order.acknowledged = true;
      }
      listener.onAccepted(order.order, report.isSetField(OrderID.FIELD) ? report.getString(OrderID.FIELD) : null);
    }
    if (missing > tolerance) {
      double price = missingNotional / missing;
      double leaves = Math.max(0, order.order.getQuantity() - venueQuantity);
      synchronized (order) {
        order.reportedQuantity = venueQuantity;
        order.reportedNotional = venueQuantity * venueAverage;
      }
      LOG.warn("order {}: the venue filled {} more than this route was told; booked as one fill at {}",
          order.order.getOrderId(), missing, price);
      if (leaves <= tolerance) {
        working.remove(order.order.getOrderId());
      }
      listener.onFills(order.order, List.of(fill(order.order,
          order.order.getOrderId() + "/reconciled@" + venueQuantity, missing, price, 0, leaves)));
    }
    switch (status) {
      case OrdStatus.CANCELED -> end(order, () -> listener.onEnded(order.order, OrderState.CANCELED,
          new Rejection(VENUE_CANCELED, text)));
      case OrdStatus.EXPIRED -> end(order, () -> listener.onEnded(order.order, OrderState.EXPIRED,
          new Rejection(VENUE_EXPIRED, text)));
      case OrdStatus.REJECTED -> end(order, () -> listener.onReject(order.order, new Rejection(VENUE_REJECTED, text)));
      default -> { }
    }
  }

  private void end(Working order, Runnable report) {
    if (working.remove(order.order.getOrderId(), order)) {
      report.run();
    }
  }

  private static Fill fill(HedgeOrder order, String id, double quantity, double price, double fee, double leaves) {
    return Fill.newBuilder()
        .setFillId(id)
        .setOrderId(order.getOrderId())
        .setBook(order.getBook())
        .setSymbol(order.getSymbol())
        .setInstrument(order.getInstrument())
        .setSide(order.getSide())
        .setQuantity(quantity)
        .setPrice(price)
        .setFee(fee)
        .setLeavesQuantity(leaves)
        .setVenue(VENUE)
        .setEventTimeMicros(order.getEventTimeMicros())
        .build();
  }

  /** A reject of one of our messages: of a NewOrderSingle it rejects the order, of a cancel it refuses it. */
  private void onRejectOf(String clOrdId, String code, String text) {
    if (clOrdId == null) {
      LOG.warn("{} of a message this route cannot match: {}", code, text);
      return;
    }
    boolean cancel = clOrdId.endsWith(CANCEL_SUFFIX);
    Working order = working.get(cancel ? clOrdId.substring(0, clOrdId.length() - CANCEL_SUFFIX.length()) : clOrdId);
    if (order == null) {
      LOG.warn("{} of ClOrdID {} that is not working here: {}", code, clOrdId, text);
    } else if (cancel) {
      cancelRefused(order, new Rejection(code, text));
    } else {
      end(order, () -> listener.onReject(order.order, new Rejection(code, text)));
    }
  }

  private void cancelRefused(Working order, Rejection reason) {
    LOG.warn("cancel of order {} refused: {}", order.order.getOrderId(), reason);
    listener.onCancelRefused(order.order, reason);
  }

  /** QuickFIX/J's callbacks of the session. */
  private final class SessionApplication implements Application {

    @Override
    public void onCreate(SessionID id) {
    }

    @Override
    public void onLogon(SessionID id) {
      FixRoute.this.onLogon();
    }

    @Override
    public void onLogout(SessionID id) {
      loggedOn = false;
      LOG.warn("FIX session {} logged out; orders wait for the next logon", id);
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
      if (isType(message, MsgType.LOGON)) {
        if (settings.username() != null) {
          message.setString(Username.FIELD, settings.username());
        }
        if (settings.password() != null) {
          message.setString(Password.FIELD, settings.password());
        }
      }
    }

    @Override
    public void fromAdmin(Message message, SessionID id) throws FieldNotFound {
      if (isType(message, MsgType.REJECT)) {
        String clOrdId;
        synchronized (sentSequences) {
          clOrdId = message.isSetField(RefSeqNum.FIELD) ? sentSequences.get(message.getInt(RefSeqNum.FIELD)) : null;
        }
        onRejectOf(clOrdId, SESSION_REJECT, "session Reject: " + text(message));
      } else if (isType(message, MsgType.LOGOUT)) {
        LOG.warn("FIX session {}: Logout from the venue: {}", id, text(message));
      }
    }

    @Override
    public void toApp(Message message, SessionID id) {
      if (message.isSetField(ClOrdID.FIELD)) {
        try {
          int sequence = message.getHeader().getInt(MsgSeqNum.FIELD);
          synchronized (sentSequences) {
            sentSequences.put(sequence, message.getString(ClOrdID.FIELD));
          }
        } catch (FieldNotFound e) {
          LOG.debug("outgoing message without MsgSeqNum");
        }
      }
    }

    @Override
    public void fromApp(Message message, SessionID id) throws FieldNotFound, IncorrectTagValue,
        UnsupportedMessageType {
      String type = message.getHeader().getString(MsgType.FIELD);
      switch (type) {
        case MsgType.EXECUTION_REPORT -> onExecutionReport(message);
        case MsgType.ORDER_CANCEL_REJECT -> {
          String clOrdId = message.getString(ClOrdID.FIELD);
          onRejectOf(clOrdId.endsWith(CANCEL_SUFFIX) ? clOrdId : clOrdId + CANCEL_SUFFIX,
              "VENUE_CANCEL_REJECT", text(message));
        }
        case MsgType.BUSINESS_MESSAGE_REJECT -> onRejectOf(
            message.isSetField(BusinessRejectRefID.FIELD) ? message.getString(BusinessRejectRefID.FIELD) : null,
            BUSINESS_REJECT, text(message));
        default -> {
          refused.incrementAndGet();
          throw new UnsupportedMessageType();
        }
      }
    }
  }

  private static boolean isType(Message message, String type) {
    try {
      return type.equals(message.getHeader().getString(MsgType.FIELD));
    } catch (FieldNotFound e) {
      return false;
    }
  }

  private static String text(Message message) {
    try {
      return message.isSetField(Text.FIELD) ? message.getString(Text.FIELD) : "";
    } catch (FieldNotFound e) {
      return "";
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
