package io.hedgestream.gateway.fix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.Password;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.fix44.ExecutionReport;

/**
 * A FIX 4.4 acceptor whose answers a test scripts: the counterpart of the hard cases (partial fills,
 * rejects, cancels, drops, gaps, restarts, hostile reports). It counts every NewOrderSingle by ClOrdID, resends
 * included.
 */
public final class ScriptedVenue implements AutoCloseable {

  /** What the venue does with one incoming application message. */
  @FunctionalInterface
  public interface Script {
    void on(Message message, ScriptedVenue venue) throws FieldNotFound;
  }

  final Map<String, AtomicInteger> newOrders = new ConcurrentHashMap<>();
  final List<Message> received = new CopyOnWriteArrayList<>();
  final List<String> rejectedLogons = new CopyOnWriteArrayList<>();
  /** The session-level Rejects (35=3) the gateway sent: their RefTagID. */
  final List<Integer> sessionRejects = new CopyOnWriteArrayList<>();
  public volatile Script onOrder = (message, venue) -> venue.send(venue.report(message, ExecType.NEW, OrdStatus.NEW, 0, 0, 0,
      "N-" + message.getString(ClOrdID.FIELD)));
  public volatile Script onStatus = (message, venue) -> { };
  volatile Script onCancel = (message, venue) -> { };
  volatile String password;
  private final Path sessionFile;
  private final Path storeDir;
  private SocketAcceptor acceptor;
  private volatile SessionID session;
  private final AtomicInteger execIds = new AtomicInteger();

  public ScriptedVenue(Path sessionFile, Path storeDir) {
    this.sessionFile = sessionFile;
    this.storeDir = storeDir;
    start();
  }

  /** Starts (again, after {@link #stop}) on the same message store: a counterparty restart. */
  void start() {
    try (InputStream in = Files.newInputStream(sessionFile)) {
      SessionSettings settings = new SessionSettings(in);
      settings.setString("FileStorePath", storeDir.toString());
      acceptor = new SocketAcceptor(new App(), new FileStoreFactory(settings), settings, new ScreenLogFactory(false, false,
          false), new DefaultMessageFactory());
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigError e) {
      throw new IllegalStateException(e);
    }
  }

  void stop() {
    acceptor.stop(true);
  }

  boolean loggedOn() {
    Session s = session == null ? null : Session.lookupSession(session);
    return s != null && s.isLoggedOn();
  }

  Session session() {
    return Session.lookupSession(session);
  }

  public int newOrders(String clOrdId) {
    AtomicInteger count = newOrders.get(clOrdId);
    return count == null ? 0 : count.get();
  }

  public String nextExecId() {
    return "X" + execIds.incrementAndGet();
  }

  /** An ExecutionReport answering {@code request} (a NewOrderSingle or a status request). */
  public ExecutionReport report(Message request, char execType, char status, double cumulative, double leaves,
      double averagePrice, String execId) throws FieldNotFound {
    ExecutionReport report = new ExecutionReport(new OrderID("V-" + request.getString(ClOrdID.FIELD)),
        new ExecID(execId), new ExecType(execType), new OrdStatus(status), new Side(request.getChar(Side.FIELD)),
        new LeavesQty(leaves), new CumQty(cumulative), new AvgPx(averagePrice));
    report.set(new ClOrdID(request.getString(ClOrdID.FIELD)));
    report.set(new Symbol(request.getString(Symbol.FIELD)));
    return report;
  }

  /** A fill report: ExecType F with LastQty and LastPx. */
  public ExecutionReport fill(Message order, double quantity, double price, double cumulative, double orderQuantity,
      String execId) throws FieldNotFound {
    boolean done = cumulative >= orderQuantity;
    ExecutionReport report = report(order, ExecType.TRADE, done ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED,
        cumulative, orderQuantity - cumulative, price, execId);
    report.set(new LastQty(quantity));
    report.set(new LastPx(price));
    return report;
  }

  /** Skips {@code count} outgoing sequence numbers: the gateway sees a gap and asks for a resend. */
  void skipSequenceNumbers(int count) {
    try {
      session().setNextSenderMsgSeqNum(session().getStore().getNextSenderMsgSeqNum() + count);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void send(Message message) {
    try {
      Session.sendToTarget(message, session);
    } catch (SessionNotFound e) {
      throw new IllegalStateException(e);
    }
  }

  void disconnect() {
    try {
      session().disconnect("scripted drop", false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private final class App implements Application {
    @Override
    public void onCreate(SessionID id) {
      session = id;
    }

    @Override
    public void onLogon(SessionID id) {
    }

    @Override
    public void onLogout(SessionID id) {
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
    }

    @Override
    public void fromAdmin(Message message, SessionID id) throws FieldNotFound, RejectLogon {
      if (MsgType.REJECT.equals(message.getHeader().getString(MsgType.FIELD))) {
        sessionRejects.add(message.isSetField(quickfix.field.RefTagID.FIELD) ? message.getInt(quickfix.field.RefTagID.FIELD) : 0);
      }
      if (password != null && MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))
          && !(message.isSetField(Password.FIELD) && password.equals(message.getString(Password.FIELD)))) {
        rejectedLogons.add(message.isSetField(Password.FIELD) ? "wrong password" : "no password");
        throw new RejectLogon("bad credentials");
      }
    }

    @Override
    public void toApp(Message message, SessionID id) {
    }

    @Override
    public void fromApp(Message message, SessionID id) throws FieldNotFound {
      received.add(message);
      switch (message.getHeader().getString(MsgType.FIELD)) {
        case MsgType.NEW_ORDER_SINGLE -> {
          newOrders.computeIfAbsent(message.getString(ClOrdID.FIELD), k -> new AtomicInteger()).incrementAndGet();
          onOrder.on(message, ScriptedVenue.this);
        }
        case MsgType.ORDER_STATUS_REQUEST -> onStatus.on(message, ScriptedVenue.this);
        case MsgType.ORDER_CANCEL_REQUEST -> onCancel.on(message, ScriptedVenue.this);
        default -> { }
      }
    }
  }
}
