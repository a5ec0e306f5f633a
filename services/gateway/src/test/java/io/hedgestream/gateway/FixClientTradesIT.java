package io.hedgestream.gateway;

import static io.hedgestream.gateway.GatewayServiceIT.decode;
import static io.hedgestream.gateway.GatewayServiceIT.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.OptionType;
import io.hedgestream.gateway.fix.FixClientTrades;
import io.hedgestream.gateway.fix.FixTestKit;
import io.hedgestream.gateway.fix.ScriptedOms;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MaturityDate;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.PartyID;
import quickfix.field.PartyIDSource;
import quickfix.field.PartyRole;
import quickfix.field.PreviouslyReported;
import quickfix.field.PutOrCall;
import quickfix.field.RefTagID;
import quickfix.field.SecurityDesc;
import quickfix.field.SecurityType;
import quickfix.field.Side;
import quickfix.field.StrikePrice;
import quickfix.field.Symbol;
import quickfix.field.TradeDate;
import quickfix.field.TradeReportID;
import quickfix.field.TransactTime;
import quickfix.field.TrdRptStatus;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.TradeCaptureReport;

/**
 * The desk's OMS sends its client option trades to the gateway's FIX acceptor; they reach orders.client as
 * ClientOrders, once each, and what cannot be read is refused at the FIX level and dead-lettered with the raw
 * message.
 */
@ExtendWith(KafkaFixture.class)
class FixClientTradesIT {

  private static final Topic<byte[], DeadLetter> CLIENT_DLQ = Topics.deadLetterOf(Topics.ORDERS_CLIENT);
  private static final LocalDateTime TRADE_TIME = LocalDateTime.of(2026, 2, 2, 15, 0, 1);

  @TempDir
  Path dir;

  @Test
  void clientTradesFromTheOmsBecomeClientOrdersOnceAndBadOnesAreRefusedAndDeadLettered() throws Exception {
    KafkaFixture.createTopics(1, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(), Topics.FILLS_HEDGE.name(),
        Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name(), Topics.ORDERS_CLIENT.name(), CLIENT_DLQ.name()));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String symbol = "CT" + run;
    int port = FixTestKit.freePort();
    Path acceptor = FixTestKit.write(dir.resolve("client-trades.cfg"),
        Files.readString(Path.of("../../deploy/config/fix-client-trades.cfg")).replace("9881", Integer.toString(port)));
    Path oms = FixTestKit.write(dir.resolve("oms.cfg"), """
        [default]
        ConnectionType=initiator
        BeginString=FIX.4.4
        HeartBtInt=30
        ReconnectInterval=1
        StartTime=00:00:00
        EndTime=00:00:00
        UseDataDictionary=Y
        [session]
        SenderCompID=DESKOMS
        TargetCompID=HEDGESTREAM
        SocketConnectHost=127.0.0.1
        SocketConnectPort=%d
        """.formatted(port));
    Properties props = new Properties();
    props.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
    props.setProperty("gateway.group-id", "gateway-client-trades-" + run);
    props.setProperty("gateway.fix.state-dir", dir.resolve("state").toString());
    props.setProperty("gateway.fix.client-trades-session-file", acceptor.toString());
    props.setProperty("gateway.fix.password-file", Files.writeString(dir.resolve("pass"), "desk-secret").toString());

    List<ClientOrder> orders;
    List<DeadLetter> letters;
    try (GatewayService gateway = GatewayService.start(GatewayConfig.from(props))) {
      try (ScriptedOms wrongPassword = new ScriptedOms(oms, dir.resolve("bad-store"), "guess")) {
        Thread.sleep(1_500);
        assertThat(wrongPassword.loggedOn()).as("a Logon with the wrong password is refused").isFalse();
      }
      try (ScriptedOms desk = new ScriptedOms(oms, dir.resolve("oms-store"), "desk-secret")) {
        FixTestKit.await("logon", desk::loggedOn);
        desk.send(trade(symbol, "E1", Side.BUY, 5, 2.35));
        desk.send(captureReport(symbol, "T1", Side.SELL, 3, 1.10, true));
        desk.send(trade(symbol, "E1", Side.BUY, 5, 2.35));
        desk.send(trade(symbol, "E2", Side.BUY, -4, 2.0));
        desk.send(captureReport(symbol, "T2", Side.BUY, 1, 1.0, false));
        desk.send(newOrder(symbol));
        FixTestKit.await("the gateway's answers", () -> desk.received(MsgType.TRADE_CAPTURE_REPORT_ACK).size() == 2
            && desk.received(MsgType.REJECT).size() == 1 && desk.received(MsgType.BUSINESS_MESSAGE_REJECT).size() == 1);
        assertThat(desk.received(MsgType.REJECT).get(0).getInt(RefTagID.FIELD)).isEqualTo(LastQty.FIELD);
        assertThat(desk.received(MsgType.TRADE_CAPTURE_REPORT_ACK)).extracting(m -> status(m))
            .containsExactly("T1:" + TrdRptStatus.ACCEPTED, "T2:" + TrdRptStatus.REJECTED);
      }
      orders = read(Topics.ORDERS_CLIENT.name(), "client-" + run, 2, symbol).stream()
          .map(r -> decode(Topics.ORDERS_CLIENT, r.value())).toList();
      letters = read(CLIENT_DLQ.name(), "client-dlq-" + run, 3, symbol).stream()
          .map(r -> decode(CLIENT_DLQ, r.value())).toList();
    }

    assertThat(orders).extracting(ClientOrder::getOrderId).containsExactly("fix-E1", "fix-T1");
    ClientOrder call = orders.get(0);
    assertThat(call.getQuantity()).as("the client buys 5").isEqualTo(5.0);
    assertThat(call.getPremium()).isEqualTo(2.35);
    assertThat(call.getBook()).isEqualTo(symbol + "-book-1");
    assertThat(call.getClient()).isEqualTo("acme");
    assertThat(call.getOption().getOptionType()).isEqualTo(OptionType.CALL);
    assertThat(call.getOption().getStrike()).isEqualTo(100.0);
    assertThat(call.getOption().getExpiryMicros().toString()).isEqualTo("2026-03-04T20:00:00Z");
    ClientOrder put = orders.get(1);
    assertThat(put.getQuantity()).as("the client sells 3").isEqualTo(-3.0);
    assertThat(put.getClient()).as("no client party: the OMS's CompID").isEqualTo("DESKOMS");
    assertThat(put.getOption().getOptionType()).isEqualTo(OptionType.PUT);
    assertThat(letters).hasSize(3).allSatisfy(letter -> assertThat(letter.getErrorType())
        .isEqualTo(FixClientTrades.FIX_REJECTED));
    assertThat(letters).extracting(letter -> new String(letter.getValue().array(), StandardCharsets.US_ASCII))
        .anySatisfy(raw -> assertThat(raw).contains("35=8").contains("17=E2"))
        .anySatisfy(raw -> assertThat(raw).contains("35=AE").contains("571=T2"))
        .anySatisfy(raw -> assertThat(raw).contains("35=D"));
  }

  private static String status(Message ack) {
    try {
      return ack.getString(TradeReportID.FIELD) + ":" + ack.getInt(TrdRptStatus.FIELD);
    } catch (quickfix.FieldNotFound e) {
      throw new AssertionError(e);
    }
  }

  /** A client trade as an ExecutionReport: the client buys {@code contracts} calls (Side 1) at {@code premium}. */
  private static ExecutionReport trade(String symbol, String execId, char side, double contracts, double premium) {
    ExecutionReport report = new ExecutionReport(new OrderID("O-" + execId), new ExecID(execId),
        new ExecType(ExecType.TRADE), new OrdStatus(OrdStatus.FILLED), new Side(side), new LeavesQty(0),
        new CumQty(Math.abs(contracts)), new AvgPx(premium));
    report.set(new Symbol(symbol));
    report.set(new Account(symbol + "-book-1"));
    report.set(new LastQty(contracts));
    report.set(new LastPx(premium));
    report.set(new TransactTime(TRADE_TIME));
    report.set(new SecurityType(SecurityType.OPTION));
    report.set(new PutOrCall(PutOrCall.CALL));
    report.set(new StrikePrice(100));
    report.set(new MaturityDate("20260304"));
    report.set(new SecurityDesc("2026-03-04T20:00:00Z"));
    Group party = new ExecutionReport.NoPartyIDs();
    party.setString(PartyID.FIELD, "acme");
    party.setChar(PartyIDSource.FIELD, PartyIDSource.PROPRIETARY);
    party.setInt(PartyRole.FIELD, PartyRole.CLIENT_ID);
    report.addGroup(party);
    return report;
  }

  /** A client trade as a TradeCaptureReport (puts), with or without its StrikePrice. */
  private static TradeCaptureReport captureReport(String symbol, String id, char side, double contracts, double premium,
      boolean withStrike) {
    TradeCaptureReport report = new TradeCaptureReport(new TradeReportID(id), new PreviouslyReported(false),
        new LastQty(contracts), new LastPx(premium), new TradeDate("20260202"), new TransactTime(TRADE_TIME));
    report.set(new Symbol(symbol));
    report.set(new SecurityType(SecurityType.OPTION));
    report.set(new PutOrCall(PutOrCall.PUT));
    if (withStrike) {
      report.set(new StrikePrice(95));
    }
    report.set(new MaturityDate("20260304"));
    TradeCaptureReport.NoSides clientSide = new TradeCaptureReport.NoSides();
    clientSide.set(new Side(side));
    clientSide.set(new OrderID("O-" + id));
    clientSide.set(new Account(symbol + "-book-1"));
    report.addGroup(clientSide);
    return report;
  }

  private static NewOrderSingle newOrder(String symbol) {
    NewOrderSingle order = new NewOrderSingle(new ClOrdID("not-a-trade"), new Side(Side.BUY),
        new TransactTime(TRADE_TIME), new OrdType(OrdType.MARKET));
    order.set(new Symbol(symbol));
    order.set(new quickfix.field.OrderQty(1));
    return order;
  }
}
