package io.hedgestream.gateway.fix;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SocketAcceptor;
import quickfix.UnsupportedMessageType;
import quickfix.field.Account;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.MsgType;
import quickfix.field.NoPartyIDs;
import quickfix.field.NoSides;
import quickfix.field.PartyID;
import quickfix.field.PartyRole;
import quickfix.field.PossDupFlag;
import quickfix.field.SecurityType;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TradeReportID;
import quickfix.field.TransactTime;
import quickfix.field.TrdRptStatus;
import quickfix.fix44.TradeCaptureReportAck;

/**
 * The desk's client option trades from its OMS over FIX 4.4 (a QuickFIX/J acceptor), published as
 * {@link ClientOrder}s on {@code orders.client}: the book's liability, which the engine then hedges.
 *
 * <p>Accepted messages: an ExecutionReport (8) with ExecType F (trade), or a TradeCaptureReport (AE) with one
 * side. Both describe the option (SecurityType OPT, PutOrCall, StrikePrice, SecurityDesc or MaturityDate,
 * ContractMultiplier; {@link FixMessages#option}), the client's side (54: 1 the client buys, 2 sells), the
 * contracts (LastQty 32) and the premium per underlying unit (LastPx 31), the book (Account 1; in AE in the side
 * group), the client (PartyID with PartyRole 3, else the SenderCompID) and TransactTime (60). The client order's
 * id is {@code fix-<ExecID>} or {@code fix-<TradeReportID>}: a trade sent twice (a resend, a replay by the OMS)
 * is published once here and ignored by the engine if it comes again.
 *
 * <p>A trade that cannot be read is refused at the FIX level (a session Reject naming the tag; a
 * TradeCaptureReportAck with TrdRptStatus 1 for AE) and dead-lettered on {@code orders.client.dlq} with the raw
 * message; any other application message gets a BusinessMessageReject and is dead-lettered too. Each trade is
 * on Kafka (acknowledged by the brokers) before the message counts as received: if the gateway dies first, the
 * OMS resends it after the next logon.
 */
public final class FixClientTrades implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FixClientTrades.class);
  /** The dead-letter code of a FIX message refused here. */
  public static final String FIX_REJECTED = "FIX_REJECTED";
  private static final int CLIENT_ROLE = PartyRole.CLIENT_ID;
  private static final int REMEMBERED = 100_000;

  private final SocketAcceptor acceptor;
  private final Producer<byte[], byte[]> producer;
  private final String password;
  private final Map<String, Boolean> published = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };
  private final AtomicLong trades = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /**
   * Starts accepting client trades on the sessions of {@code sessionFile}.
   *
   * @param sessionFile the acceptor's QuickFIX/J settings
   * @param stateDir where its message store goes ({@code fix-client-store/})
   * @param password the Password (554) a Logon must carry, or null to accept any
   * @param producer publishes to orders.client and its dead-letter topic (closed by the caller)
   */
  public FixClientTrades(Path sessionFile, Path stateDir, String password, Producer<byte[], byte[]> producer) {
    this.producer = producer;
    this.password = password;
    this.acceptor = FixAcceptors.start(sessionFile, stateDir.resolve("fix-client-store"), new SessionApplication());
    LOG.info("client trades: accepting FIX sessions of {}", sessionFile);
  }

  /** Client trades published so far. */
  public long trades() {
    return trades.get();
  }

  /** Messages refused and dead-lettered so far. */
  public long refused() {
    return refused.get();
  }

  @Override
  public void close() {
    acceptor.stop();
  }

  /** The client order an ExecutionReport (trade) or TradeCaptureReport describes. */
  static ClientOrder clientOrder(Message message, String sender) {
    try {
      String type = message.getHeader().getString(MsgType.FIELD);
      FieldMap side;
      String id;
      if (type.equals(MsgType.EXECUTION_REPORT)) {
        char execType = message.getChar(ExecType.FIELD);
        if (execType != ExecType.TRADE) {
          throw new IllegalArgumentException("ExecType(150)=" + execType + ": only F (trade) books a client trade");
        }
        id = "fix-" + message.getString(ExecID.FIELD);
        side = message;
      } else {
        id = "fix-" + message.getString(TradeReportID.FIELD);
        List<Group> sides = message.getGroups(NoSides.FIELD);
        if (sides.size() != 1) {
          throw new IllegalArgumentException("NoSides(552)=" + sides.size() + ": one side, the client's, expected");
        }
        side = sides.get(0);
      }
      String securityType = message.isSetField(SecurityType.FIELD) ? message.getString(SecurityType.FIELD) : "";
      if (!SecurityType.OPTION.equals(securityType)) {
        throw new IllegalArgumentException("SecurityType(167)=" + securityType + ": client trades are options (OPT)");
      }
      OptionSpec option = FixMessages.option(message);
      char clientSide = side.getChar(Side.FIELD);
      if (clientSide != Side.BUY && clientSide != Side.SELL) {
        throw new IllegalArgumentException("Side(54)=" + clientSide + ": only 1 (client buys) and 2 (client sells)");
      }
      double contracts = message.getDouble(LastQty.FIELD);
      double premium = message.getDouble(LastPx.FIELD);
      if (!(contracts > 0) || !Double.isFinite(contracts)) {
        throw new IllegalArgumentException("LastQty(32)=" + contracts + " must be finite and > 0");
      }
      if (!(premium > 0) || !Double.isFinite(premium)) {
        throw new IllegalArgumentException("LastPx(31)=" + premium + " must be finite and > 0");
      }
      if (!side.isSetField(Account.FIELD)) {
        throw new IllegalArgumentException("required tag Account(1) (the book) missing");
      }
      return ClientOrder.newBuilder()
          .setOrderId(id)
          .setBook(side.getString(Account.FIELD))
          .setClient(client(side, sender))
          .setSymbol(message.getString(Symbol.FIELD))
          .setOption(option)
          .setQuantity(clientSide == Side.BUY ? contracts : -contracts)
          .setPremium(premium)
          .setEventTimeMicros(message.getUtcTimeStamp(TransactTime.FIELD).toInstant(ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.MICROS))
          .build();
    } catch (FieldNotFound e) {
      throw new IllegalArgumentException("required tag " + e.field + " missing");
    } catch (quickfix.FieldException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /**
   * The tag a refusal names, e.g. 32 in {@code LastQty(32)=-1 ...} or 202 in {@code required tag 202 missing};
   * 0 when it names none.
   */
  static int tagOf(String reason) {
    java.util.regex.Matcher tag = java.util.regex.Pattern.compile("\\((\\d+)\\)|tag (\\d+)").matcher(reason);
    return !tag.find() ? 0 : Integer.parseInt(tag.group(1) != null ? tag.group(1) : tag.group(2));
  }

  private static String client(FieldMap side, String sender) throws FieldNotFound {
    for (Group party : side.getGroups(NoPartyIDs.FIELD)) {
      if (party.isSetField(PartyRole.FIELD) && party.getInt(PartyRole.FIELD) == CLIENT_ROLE
          && party.isSetField(PartyID.FIELD)) {
        return party.getString(PartyID.FIELD);
      }
    }
    return sender;
  }

  private void onTrade(Message message, SessionID session) throws IncorrectTagValue, FieldNotFound {
    String type = message.getHeader().getString(MsgType.FIELD);
    ClientOrder order;
    try {
      order = clientOrder(message, session.getTargetCompID());
    } catch (IllegalArgumentException e) {
      refuse(message, e.getMessage());
      if (type.equals(MsgType.TRADE_CAPTURE_REPORT)) {
        acknowledge(message, session, TrdRptStatus.REJECTED, e.getMessage());
        return;
      }
      throw new IncorrectTagValue(tagOf(e.getMessage()), e.getMessage());
    }
    boolean first;
    synchronized (published) {
      first = published.putIfAbsent(order.getOrderId(), Boolean.TRUE) == null;
    }
    if (first) {
      publish(Topics.ORDERS_CLIENT, order.getSymbol().getBytes(StandardCharsets.UTF_8), order);
      trades.incrementAndGet();
      LOG.info("client trade {}: {} {} contracts of {} at {} for book {}", order.getOrderId(), order.getClient(),
          order.getQuantity(), order.getSymbol(), order.getPremium(), order.getBook());
    } else {
      boolean resent = message.getHeader().isSetField(PossDupFlag.FIELD)
          && message.getHeader().getBoolean(PossDupFlag.FIELD);
      LOG.info("client trade {} received again{}: published once", order.getOrderId(), resent ? " (a resend)" : "");
    }
    if (type.equals(MsgType.TRADE_CAPTURE_REPORT)) {
      acknowledge(message, session, TrdRptStatus.ACCEPTED, null);
    }
  }

  /**
   * Dead-letters a refused message with its raw text, keyed by its Symbol (55) when it has one, like every
   * record of orders.client; waits for the brokers to have it.
   */
  private void refuse(Message message, String reason) {
    refused.incrementAndGet();
    byte[] key = null;
    try {
      key = message.isSetField(Symbol.FIELD) ? message.getString(Symbol.FIELD).getBytes(StandardCharsets.UTF_8) : null;
    } catch (FieldNotFound e) {
      key = null;
    }
    LOG.warn("client trade refused ({}): {}", reason, RedactingLogFactory.redact(message.toString()));
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(Topics.ORDERS_CLIENT.name())
        .setPartition(-1)
        .setOffset(-1)
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(ByteBuffer.wrap(message.toString().getBytes(StandardCharsets.US_ASCII)))
        .setError(reason)
        .setErrorType(FIX_REJECTED)
        .setService("gateway-fix-client-trades")
        .setFailedAtMicros(Instant.now().truncatedTo(ChronoUnit.MICROS))
        .build();
    Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(Topics.ORDERS_CLIENT);
    publish(dlq, key, letter);
  }

  private <V> void publish(Topic<?, V> topic, byte[] key, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    try {
      producer.send(new ProducerRecord<>(topic.name(), key, bytes)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted publishing to " + topic.name(), e);
    } catch (ExecutionException e) {
      // Thrown into QuickFIX/J: the message does not count as received, and the OMS resends it.
      throw new IllegalStateException("cannot publish to " + topic.name() + ": " + e.getCause(), e.getCause());
    }
  }

  private static void acknowledge(Message report, SessionID session, int status, String text) throws FieldNotFound {
    TradeCaptureReportAck ack = new TradeCaptureReportAck(
        new TradeReportID(report.getString(TradeReportID.FIELD)), new quickfix.field.ExecType(ExecType.TRADE));
    ack.set(new TrdRptStatus(status));
    if (report.isSetField(Symbol.FIELD)) {
      ack.set(new Symbol(report.getString(Symbol.FIELD)));
    }
    if (text != null) {
      ack.set(new Text(text));
    }
    try {
      Session.sendToTarget(ack, session);
    } catch (SessionNotFound e) {
      LOG.warn("client trades: session {} gone, TradeCaptureReportAck dropped", session);
    }
  }

  /** QuickFIX/J's callbacks of the client-trade sessions. */
  private final class SessionApplication implements Application {

    @Override
    public void onCreate(SessionID id) {
    }

    @Override
    public void onLogon(SessionID id) {
      LOG.info("client trades: {} logged on", id);
    }

    @Override
    public void onLogout(SessionID id) {
      LOG.info("client trades: {} logged out", id);
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
    }

    @Override
    public void fromAdmin(Message message, SessionID id) throws FieldNotFound, RejectLogon {
      FixAcceptors.checkLogon(message, id, password, "client trades", LOG);
    }

    @Override
    public void toApp(Message message, SessionID id) {
    }

    @Override
    public void fromApp(Message message, SessionID id) throws FieldNotFound, IncorrectTagValue,
        UnsupportedMessageType {
      String type = message.getHeader().getString(MsgType.FIELD);
      if (type.equals(MsgType.EXECUTION_REPORT) || type.equals(MsgType.TRADE_CAPTURE_REPORT)) {
        onTrade(message, id);
      } else {
        refuse(message, "MsgType " + type + " is not a client trade (ExecutionReport or TradeCaptureReport)");
        throw new UnsupportedMessageType();
      }
    }
  }
}
