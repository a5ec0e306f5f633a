package io.hedgestream.gateway.fix;

import static io.hedgestream.gateway.fix.FixTestKit.await;
import static io.hedgestream.gateway.fix.FixTestKit.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.Side;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrigClOrdID;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.Text;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.OrderCancelReject;

/**
 * The FIX route against a scripted QuickFIX/J acceptor over loopback: the hard cases of an OMS session.
 * Every test counts the NewOrderSingles the venue got per ClOrdID: none twice, none missing.
 */
class FixRouteTest {

  @TempDir
  Path dir;
  private ScriptedVenue venue;
  private final FixTestKit.Recorder recorder = new FixTestKit.Recorder();
  private FixRoute route;
  private Path initiator;

  @BeforeEach
  void startVenue() {
    int port = FixTestKit.freePort();
    initiator = FixTestKit.initiatorFile(dir, port);
    venue = new ScriptedVenue(FixTestKit.acceptorFile(dir, port), dir.resolve("venue-store"));
  }

  @AfterEach
  void stop() {
    if (route != null) {
      route.close();
    }
    venue.close();
  }

  private FixRoute startRoute(Duration cancelAfter) {
    return startRoute(cancelAfter, Duration.ofSeconds(10), null);
  }

  private FixRoute startRoute(Duration cancelAfter, Duration reconcileTimeout, String password) {
    route = new FixRoute(FixTestKit.settings(initiator, dir.resolve("gateway-state"), password, cancelAfter,
        reconcileTimeout), recorder);
    await("logon", route::loggedOn);
    return route;
  }

  @Test
  void partialFillsBecomeOneFillEachWithTheVenuesExecId() {
    venue.onOrder = (nos, v) -> {
      v.send(v.report(nos, ExecType.NEW, OrdStatus.NEW, 0, 100, 0, "N1"));
      v.send(v.fill(nos, 40, 101.0, 40, 100, "E1"));
      v.send(v.fill(nos, 60, 102.0, 100, 100, "E2"));
    };
    startRoute(Duration.ZERO);
    assertThat(route.submit(order("o-1", "SPY", Side.BUY, 100))).isEmpty();

    await("two fills", () -> recorder.fills.size() == 2);
    assertThat(recorder.fills).extracting(Fill::getFillId).containsExactly("o-1/E1", "o-1/E2");
    assertThat(recorder.fills).extracting(Fill::getLeavesQuantity).containsExactly(60.0, 0.0);
    assertThat(recorder.fills).extracting(Fill::getVenue).containsOnly("fix");
    assertThat(recorder.events).first().isEqualTo("accepted o-1");
    assertThat(venue.newOrders("o-1")).isEqualTo(1);
    assertThat(route.openOrders()).isZero();
  }

  @Test
  void aRejectRejectsTheOrderWithTheVenuesReason() {
    venue.onOrder = (nos, v) -> {
      var report = v.report(nos, ExecType.REJECTED, OrdStatus.REJECTED, 0, 0, 0, "R1");
      report.set(new OrdRejReason(OrdRejReason.EXCHANGE_CLOSED));
      report.set(new Text("closed"));
      v.send(report);
    };
    startRoute(Duration.ZERO);
    route.submit(order("o-2", "SPY", Side.SELL, 5));

    await("reject", () -> recorder.saw("reject o-2 VENUE_REJECTED"));
    assertThat(recorder.fills).isEmpty();
    assertThat(route.openOrders()).isZero();
  }

  @Test
  void aBusinessMessageRejectRejectsTheOrder() {
    venue.onOrder = (nos, v) -> {
      BusinessMessageReject reject = new BusinessMessageReject(new RefMsgType("D"),
          new BusinessRejectReason(BusinessRejectReason.UNKNOWN_SECURITY));
      reject.set(new quickfix.field.BusinessRejectRefID(nos.getString(ClOrdID.FIELD)));
      reject.set(new RefSeqNum(nos.getHeader().getInt(quickfix.field.MsgSeqNum.FIELD)));
      reject.set(new Text("unknown security"));
      v.send(reject);
    };
    startRoute(Duration.ZERO);
    route.submit(order("o-3", "XYZ", Side.BUY, 1));

    await("reject", () -> recorder.saw("reject o-3 FIX_BUSINESS_REJECT"));
  }

  @Test
  void anOrderWorkingTooLongIsCanceledAndTheCancelCanBeRefused() {
    venue.onCancel = (cancel, v) -> {
      if (cancel.getString(OrigClOrdID.FIELD).equals("o-4")) {
        var canceled = v.report(cancel, ExecType.CANCELED, OrdStatus.CANCELED, 0, 0, 0, "C1");
        canceled.set(new OrigClOrdID("o-4"));
        v.send(canceled);
      } else {
        v.send(new OrderCancelReject(new OrderID("V-o-5"), new ClOrdID(cancel.getString(ClOrdID.FIELD)),
            new OrigClOrdID(cancel.getString(OrigClOrdID.FIELD)), new OrdStatus(OrdStatus.NEW),
            new CxlRejResponseTo(CxlRejResponseTo.ORDER_CANCEL_REQUEST)));
      }
    };
    startRoute(Duration.ofMillis(300));
    route.submit(order("o-4", "SPY", Side.BUY, 10));
    route.submit(order("o-5", "SPY", Side.BUY, 10));

    await("cancel and refusal", () -> recorder.saw("CANCELED o-4 VENUE_CANCELED")
        && recorder.saw("cancel-refused o-5 VENUE_CANCEL_REJECT"));
    assertThat(recorder.events).contains("cancel-requested o-4", "cancel-requested o-5");
    assertThat(route.openOrders()).isEqualTo(1);
  }

  @Test
  void aDropBetweenOrderAndReportIsReconciledByStatusRequestAfterTheReconnect() {
    venue.onOrder = (nos, v) -> v.disconnect();
    venue.onStatus = (request, v) -> v.send(v.report(request, ExecType.ORDER_STATUS, OrdStatus.FILLED, 7, 0, 99.5, "S1"));
    startRoute(Duration.ZERO);
    route.submit(order("o-6", "SPY", Side.BUY, 7));

    await("catch-up fill", () -> recorder.fills.size() == 1);
    assertThat(recorder.fills.get(0).getQuantity()).isEqualTo(7.0);
    assertThat(recorder.fills.get(0).getPrice()).isEqualTo(99.5);
    assertThat(recorder.fills.get(0).getFillId()).isEqualTo("o-6/reconciled@7.0");
    assertThat(venue.newOrders("o-6")).isEqualTo(1);
    assertThat(route.openOrders()).isZero();
  }

  @Test
  void aGatewayRestartNeverSendsAnOrderTwiceAndResumesItFromItsStatus() {
    venue.onOrder = (nos, v) -> { };
    startRoute(Duration.ZERO);
    HedgeOrder order = order("o-7", "SPY", Side.SELL, 3);
    route.submit(order);
    await("order at the venue", () -> venue.newOrders("o-7") == 1);
    route.close();

    venue.onStatus = (request, v) -> {
      v.send(v.report(request, ExecType.ORDER_STATUS, OrdStatus.NEW, 0, 3, 0, "S2"));
      v.send(v.fill(request, 3, 50.0, 3, 3, "E9"));
    };
    startRoute(Duration.ZERO);
    route.submit(order);

    await("fill after restart", () -> recorder.fills.size() == 1);
    assertThat(venue.newOrders("o-7")).isEqualTo(1);
    assertThat(recorder.events).containsExactly("accepted o-7", "fill o-7 3.0@50.0");
  }

  @Test
  void fillsTheVenueReportsForAnOrderSentBeforeARestartPutItInDoubt() {
    venue.onOrder = (nos, v) -> { };
    startRoute(Duration.ZERO);
    HedgeOrder order = order("o-8", "SPY", Side.BUY, 4);
    route.submit(order);
    await("order at the venue", () -> venue.newOrders("o-8") == 1);
    route.close();

    venue.onStatus = (request, v) -> v.send(v.report(request, ExecType.ORDER_STATUS, OrdStatus.PARTIALLY_FILLED, 2, 2,
        10.0, "S3"));
    startRoute(Duration.ZERO);
    route.submit(order);

    await("in doubt", () -> recorder.saw("in-doubt o-8"));
    assertThat(recorder.fills).isEmpty();
    assertThat(route.sessionStatus()).contains("IN-DOUBT=1");
    assertThat(venue.newOrders("o-8")).isEqualTo(1);
  }

  @Test
  void anOrderSentBeforeARestartBooksOnlyWhatTheGatewayHadNotPublished() {
    venue.onOrder = (nos, v) -> v.send(v.fill(nos, 2, 10.0, 2, 4, "P1"));
    startRoute(Duration.ZERO);
    HedgeOrder order = order("o-16", "SPY", Side.BUY, 4);
    route.submit(order);
    await("the first fill", () -> recorder.fills.size() == 1);
    route.close();

    venue.onStatus = (request, v) -> v.send(v.report(request, ExecType.ORDER_STATUS, OrdStatus.PARTIALLY_FILLED, 3, 1,
        (2 * 10.0 + 11.0) / 3, "S6"));
    startRoute(Duration.ZERO);
    route.publishedBefore(order, 2, 20.0);
    route.submit(order);

    await("the catch-up fill", () -> recorder.fills.size() == 2);
    assertThat(recorder.fills.get(1).getFillId()).isEqualTo("o-16/reconciled@3.0");
    assertThat(recorder.fills.get(1).getQuantity()).isEqualTo(1.0);
    assertThat(recorder.fills.get(1).getPrice()).isCloseTo(11.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(recorder.events).doesNotContain("in-doubt o-16");
    assertThat(venue.newOrders("o-16")).isEqualTo(1);
  }

  @Test
  void anOrderTheVenueDoesNotKnowIsRejectedAndOneItNeverAnswersForIsInDoubt() {
    venue.onOrder = (nos, v) -> { };
    startRoute(Duration.ZERO);
    route.submit(order("o-9", "SPY", Side.BUY, 1));
    route.submit(order("o-10", "QQQ", Side.BUY, 1));
    await("orders at the venue", () -> venue.newOrders("o-10") == 1);
    route.close();

    venue.onStatus = (request, v) -> {
      if (request.getString(ClOrdID.FIELD).equals("o-9")) {
        var unknown = v.report(request, ExecType.ORDER_STATUS, OrdStatus.REJECTED, 0, 0, 0, "S4");
        unknown.set(new OrdRejReason(OrdRejReason.UNKNOWN_ORDER));
        v.send(unknown);
      }
    };
    startRoute(Duration.ZERO, Duration.ofMillis(500), null);
    route.submit(order("o-9", "SPY", Side.BUY, 1));
    route.submit(order("o-10", "QQQ", Side.BUY, 1));

    await("unknown rejected, silent in doubt", () -> recorder.saw("reject o-9 VENUE_UNKNOWN_ORDER")
        && recorder.saw("in-doubt o-10"));
    assertThat(venue.newOrders("o-9")).isEqualTo(1);
    assertThat(venue.newOrders("o-10")).isEqualTo(1);
  }

  @Test
  void aSequenceGapIsFilledByAResendAndEveryFillArrivesOnce() throws Exception {
    venue.onOrder = (nos, v) -> {
      v.send(v.fill(nos, 1, 20.0, 1, 3, "G1"));
      v.skipSequenceNumbers(5);
      v.send(v.fill(nos, 2, 21.0, 3, 3, "G2"));
    };
    startRoute(Duration.ZERO);
    route.submit(order("o-11", "SPY", Side.BUY, 3));

    await("both fills", () -> recorder.fills.size() == 2);
    Thread.sleep(300);
    assertThat(recorder.fills).extracting(Fill::getFillId).containsExactly("o-11/G1", "o-11/G2");
  }

  @Test
  void aCounterpartyRestartKeepsTheSessionAndItsOrders() {
    startRoute(Duration.ZERO);
    route.submit(order("o-12", "SPY", Side.BUY, 2));
    await("acknowledged", () -> recorder.saw("accepted o-12"));
    venue.stop();
    await("session down", () -> !route.loggedOn());
    route.submit(order("o-13", "SPY", Side.BUY, 2));
    assertThat(venue.newOrders("o-13")).isZero();

    venue.onStatus = (request, v) -> v.send(v.report(request, ExecType.ORDER_STATUS, OrdStatus.NEW, 0, 2, 0, "S5"));
    venue.start();
    await("logon again and the held order sent", () -> venue.newOrders("o-13") == 1);
    await("o-13 acknowledged", () -> recorder.saw("accepted o-13"));
    assertThat(venue.newOrders("o-12")).isEqualTo(1);
  }

  @Test
  void hostileReportsNeverBecomeFills() {
    venue.onOrder = (nos, v) -> {
      v.send(v.report(nos, ExecType.NEW, OrdStatus.NEW, 0, 5, 0, "H0"));
      var unknownOrder = v.fill(nos, 1, 10, 1, 5, "H1");
      unknownOrder.set(new ClOrdID("nobody"));
      v.send(unknownOrder);
      v.send(v.fill(nos, -1, 10, 1, 5, "H2"));
      v.send(v.fill(nos, 1, 0, 1, 5, "H3"));
      v.send(v.fill(nos, 9, 10, 9, 5, "H4"));
      v.send(v.fill(nos, 2, 10, 2, 5, "H5"));
      v.send(v.fill(nos, 2, 10, 2, 5, "H5"));
    };
    startRoute(Duration.ZERO);
    route.submit(order("o-14", "SPY", Side.BUY, 5));

    await("the one good fill", () -> recorder.fills.size() == 1);
    await("a session Reject for each bad report", () -> venue.sessionRejects.size() == 3);
    assertThat(venue.sessionRejects).containsExactly(32, 31, 32);
    assertThat(recorder.fills).extracting(Fill::getFillId).containsExactly("o-14/H5");
    assertThat(route.sessionStatus()).contains("up");
  }

  @Test
  void aLogonWithTheWrongPasswordNeverTrades() {
    venue.password = "right";
    route = new FixRoute(FixTestKit.settings(initiator, dir.resolve("gateway-state"), "wrong", Duration.ZERO,
        Duration.ofSeconds(10)), recorder);
    await("logon refused", () -> !venue.rejectedLogons.isEmpty());
    route.submit(order("o-15", "SPY", Side.BUY, 1));
    assertThat(route.loggedOn()).isFalse();
    assertThat(venue.newOrders("o-15")).isZero();
    assertThat(route.openOrders()).isEqualTo(1);
    assertThat(route.sessionStatus()).contains("DOWN");
  }

  @Test
  void theRightPasswordLogsOnAndIsNeverLogged() {
    venue.password = "s3cret";
    startRoute(Duration.ZERO, Duration.ofSeconds(10), "s3cret");
    assertThat(RedactingLogFactory.redact("8=FIX.4.4\u000135=A\u0001553=desk\u0001554=s3cret\u000110=1\u0001"))
        .isEqualTo("8=FIX.4.4\u000135=A\u0001553=desk\u0001554=***\u000110=1\u0001");
  }
}
