package io.hedgestream.gateway.fix;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.gateway.ExecutionListener;
import io.hedgestream.gateway.PaperExchange;
import io.hedgestream.gateway.PaperExchangeConfig;
import io.hedgestream.gateway.Rejection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SocketAcceptor;
import quickfix.UnsupportedMessageType;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CommType;
import quickfix.field.Commission;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReject;

/**
 * The paper exchange behind a FIX 4.4 acceptor: any OMS (or QuickFIX/J's Banzai) that logs on with the
 * CompIDs of the settings file can trade at HedgeStream's paper venue. NewOrderSingle ({@link FixMessages})
 * goes to a {@link PaperExchange} fed with the gateway's market data; the venue answers with
 * ExecutionReports: NEW, one per fill (ExecType F, Commission = the paper fee), REJECTED with the reason.
 * OrderStatusRequest is answered with ExecType I (OrdRejReason 5 for an order it does not know);
 * OrderCancelRequest cancels an order still waiting for its market, and is refused (OrderCancelReject) for
 * one already executed or unknown. A Logon without the configured password is refused.
 *
 * <p>Orders live in memory: a venue restarted forgets them (and answers status requests for them with
 * "unknown order"). The exchange is driven from one thread of its own; the session's callbacks and the
 * market data hand work to it.
 */
public final class PaperFixVenue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PaperFixVenue.class);

  /** An order the venue took, and how much of it filled. */
  private static final class VenueOrder {
    final HedgeOrder order;
    final SessionID session;
    final String venueOrderId;
    double cumulative;
    double notional;
    char status = OrdStatus.NEW;

    VenueOrder(HedgeOrder order, SessionID session, String venueOrderId) {
      this.order = order;
      this.session = session;
      this.venueOrderId = venueOrderId;
    }
  }

  private final SocketAcceptor acceptor;
  private final PaperExchange exchange;
  private final String password;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
    Thread t = new Thread(runnable, "paper-fix-venue");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, VenueOrder> orders = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /**
   * Starts accepting on the sessions of {@code sessionFile}.
   *
   * @param paper how the paper exchange fills
   * @param sessionFile the acceptor's QuickFIX/J settings
   * @param stateDir where its message store goes ({@code fix-venue-store/})
   * @param password the Password (554) a Logon must carry, or null to accept any
   */
  public PaperFixVenue(PaperExchangeConfig paper, Path sessionFile, Path stateDir, String password) {
    this.password = password;
    this.exchange = new PaperExchange(paper, new Executions());
    this.acceptor = FixAcceptors.start(sessionFile, stateDir.resolve("fix-venue-store"), new SessionApplication());
    LOG.info("paper FIX venue accepting sessions of {}", sessionFile);
  }

  /** Hands a tick to the exchange (it fills at the latest quote of each symbol). */
  public void onMarketData(MarketTick tick) {
    thread.execute(() -> exchange.onMarketData(tick));
  }

  /** Stops accepting, logs every session out and drops the exchange. */
  @Override
  public void close() {
    acceptor.stop();
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.close();
  }

  private void onNewOrder(NewOrderSingle message, SessionID session) throws FieldNotFound {
    String clOrdId = message.getClOrdID().getValue();
    VenueOrder known = orders.get(clOrdId);
    if (known != null) {
      boolean resent = message.getHeader().isSetField(PossDupFlag.FIELD) && message.getHeader().getBoolean(PossDupFlag.FIELD);
      if (!resent) {
        send(rejection(message, OrdRejReason.DUPLICATE_ORDER, "ClOrdID " + clOrdId + " was used before"), session);
      }
      return;
    }
    HedgeOrder order;
    try {
      order = FixMessages.hedgeOrder(message);
    } catch (IllegalArgumentException e) {
      send(rejection(message, OrdRejReason.OTHER, e.getMessage()), session);
      return;
    }
    VenueOrder venueOrder = new VenueOrder(order, session, "P" + ids.incrementAndGet());
    orders.put(clOrdId, venueOrder);
    thread.execute(() -> {
      send(report(venueOrder, ExecType.NEW, "E" + venueOrder.venueOrderId + "-0"), session);
      exchange.submit(order).ifPresent(rejection -> reject(venueOrder, rejection));
    });
  }

  private void reject(VenueOrder order, Rejection rejection) {
    synchronized (order) {
      order.status = OrdStatus.REJECTED;
    }
    ExecutionReport report = report(order, ExecType.REJECTED, "E" + order.venueOrderId + "-r");
    report.set(new OrdRejReason(OrdRejReason.OTHER));
    report.set(new Text(rejection.code() + ": " + rejection.reason()));
    send(report, order.session);
  }

  private void onStatusRequest(Message request, SessionID session) throws FieldNotFound {
    String clOrdId = request.getString(ClOrdID.FIELD);
    VenueOrder order = orders.get(clOrdId);
    if (order == null) {
      ExecutionReport unknown = new ExecutionReport(new OrderID("NONE"), new ExecID("S-" + clOrdId),
          new ExecType(ExecType.ORDER_STATUS), new OrdStatus(OrdStatus.REJECTED),
          new Side(request.getChar(Side.FIELD)), new LeavesQty(0), new CumQty(0), new AvgPx(0));
      unknown.set(new ClOrdID(clOrdId));
      unknown.set(new Symbol(request.isSetField(Symbol.FIELD) ? request.getString(Symbol.FIELD) : "?"));
      unknown.set(new OrdRejReason(OrdRejReason.UNKNOWN_ORDER));
      unknown.set(new Text("unknown order"));
      send(unknown, session);
      return;
    }
    thread.execute(() -> send(report(order, ExecType.ORDER_STATUS, "S" + order.venueOrderId + "-" + ids.incrementAndGet()),
        session));
  }

  private void onCancelRequest(Message request, SessionID session) throws FieldNotFound {
    String clOrdId = request.getString(ClOrdID.FIELD);
    String original = request.getString(OrigClOrdID.FIELD);
    VenueOrder order = orders.get(original);
    thread.execute(() -> {
      boolean canceled = order != null && !exchange.takeBackWaiting((o, waited) -> o.getOrderId().equals(original)).isEmpty();
      if (canceled) {
        synchronized (order) {
          order.status = OrdStatus.CANCELED;
        }
        ExecutionReport report = report(order, ExecType.CANCELED, "C" + order.venueOrderId);
        report.set(new ClOrdID(clOrdId));
        report.set(new OrigClOrdID(original));
        send(report, session);
        return;
      }
      OrderCancelReject reject = new OrderCancelReject(new OrderID(order == null ? "NONE" : order.venueOrderId),
          new ClOrdID(clOrdId), new OrigClOrdID(original),
          new OrdStatus(order == null ? OrdStatus.REJECTED : order.status),
          new CxlRejResponseTo(CxlRejResponseTo.ORDER_CANCEL_REQUEST));
      reject.set(new CxlRejReason(order == null ? CxlRejReason.UNKNOWN_ORDER : CxlRejReason.TOO_LATE_TO_CANCEL));
      reject.set(new Text(order == null ? "unknown order" : "already executed"));
      send(reject, session);
    });
  }

  private ExecutionReport report(VenueOrder order, char execType, String execId) {
    HedgeOrder o = order.order;
    double cumulative;
    double notional;
    char status;
    synchronized (order) {
      cumulative = order.cumulative;
      notional = order.notional;
      status = order.status;
    }
    boolean live = status == OrdStatus.NEW || status == OrdStatus.PARTIALLY_FILLED;
    ExecutionReport report = new ExecutionReport(new OrderID(order.venueOrderId), new ExecID(execId),
        new ExecType(execType), new OrdStatus(status),
        new Side(o.getSide() == io.hedgestream.avro.Side.BUY ? Side.BUY : Side.SELL),
        new LeavesQty(live ? Math.max(0, o.getQuantity() - cumulative) : 0), new CumQty(cumulative),
        new AvgPx(cumulative > 0 ? notional / cumulative : 0));
    report.set(new ClOrdID(o.getOrderId()));
    report.set(new Symbol(o.getSymbol()));
    report.set(new OrderQty(o.getQuantity()));
    return report;
  }

  private static ExecutionReport rejection(NewOrderSingle message, int reason, String text) throws FieldNotFound {
    ExecutionReport report = new ExecutionReport(new OrderID("NONE"), new ExecID("R-" + message.getClOrdID().getValue()),
        new ExecType(ExecType.REJECTED), new OrdStatus(OrdStatus.REJECTED), message.getSide(), new LeavesQty(0),
        new CumQty(0), new AvgPx(0));
    report.set(message.getClOrdID());
    report.set(new Symbol(message.isSetSymbol() ? message.getSymbol().getValue() : "?"));
    report.set(new OrdRejReason(reason));
    report.set(new Text(text));
    return report;
  }

  private static void send(Message message, SessionID session) {
    try {
      Session.sendToTarget(message, session);
    } catch (SessionNotFound e) {
      LOG.warn("paper FIX venue: session {} gone, answer dropped", session);
    }
  }

  /** The exchange's executions, written back as ExecutionReports (on the venue's thread). */
  private final class Executions implements ExecutionListener {

    @Override
    public void onFills(HedgeOrder order, List<Fill> fills) {
      VenueOrder venueOrder = orders.get(order.getOrderId());
      for (Fill fill : fills) {
        synchronized (venueOrder) {
          venueOrder.cumulative += fill.getQuantity();
          venueOrder.notional += fill.getQuantity() * fill.getPrice();
          venueOrder.status = fill.getLeavesQuantity() > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.FILLED;
        }
        ExecutionReport report = report(venueOrder, ExecType.TRADE, fill.getFillId());
        report.set(new LastQty(fill.getQuantity()));
        report.set(new LastPx(fill.getPrice()));
        report.set(new Commission(fill.getFee()));
        report.set(new CommType(CommType.ABSOLUTE));
        send(report, venueOrder.session);
      }
    }

    @Override
    public void onReject(HedgeOrder order, Rejection rejection) {
      reject(orders.get(order.getOrderId()), rejection);
    }
  }

  /** QuickFIX/J's callbacks of the venue's sessions. */
  private final class SessionApplication implements Application {

    @Override
    public void onCreate(SessionID id) {
    }

    @Override
    public void onLogon(SessionID id) {
      LOG.info("paper FIX venue: {} logged on", id);
    }

    @Override
    public void onLogout(SessionID id) {
      LOG.info("paper FIX venue: {} logged out", id);
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
    }

    @Override
    public void fromAdmin(Message message, SessionID id) throws FieldNotFound, RejectLogon {
      FixAcceptors.checkLogon(message, id, password, "paper FIX venue", LOG);
    }

    @Override
    public void toApp(Message message, SessionID id) {
    }

    @Override
    public void fromApp(Message message, SessionID id) throws FieldNotFound, UnsupportedMessageType {
      String type = message.getHeader().getString(MsgType.FIELD);
      switch (type) {
        case MsgType.NEW_ORDER_SINGLE -> onNewOrder((NewOrderSingle) message, id);
        case MsgType.ORDER_STATUS_REQUEST -> onStatusRequest(message, id);
        case MsgType.ORDER_CANCEL_REQUEST -> onCancelRequest(message, id);
        default -> throw new UnsupportedMessageType();
      }
    }
  }
}
