package io.hedgestream.launcher.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusBoardTest {

  private final StatusBoard board = new StatusBoard();

  @Test
  void sumsTheLatestDeltaAndPnlOfEachBook() {
    board.onPnl(pnl("SPY-book-1", 1, 10.0, 100.0));
    board.onPnl(pnl("SPY-book-1", 2, -5.0, 150.0));
    board.onPnl(pnl("QQQ-book-1", 1, 2.0, -20.0));

    StatusSnapshot s = board.snapshot();

    assertThat(s.decisions()).isEqualTo(3);
    assertThat(s.books()).isEqualTo(2);
    assertThat(s.netDelta()).isEqualTo(-3.0);
    assertThat(s.cumulativePnl()).isEqualTo(130.0);
  }

  @Test
  void reportsTheWorstLatestCvarOverBooks() {
    board.onRisk(risk("SPY-book-1", 50.0));
    board.onRisk(risk("QQQ-book-1", 80.0));
    board.onRisk(risk("QQQ-book-1", 30.0));

    assertThat(board.snapshot().worstCvar95()).isEqualTo(50.0);
  }

  @Test
  void countsRecordsPerTopic() {
    board.addTicks(10);
    board.addClientOrders(2);
    board.addHedgeOrders(3);
    board.addFills(4);
    board.addDeadLetters(1);

    StatusSnapshot s = board.snapshot();

    assertThat(new long[] {s.ticks(), s.clientOrders(), s.hedgeOrders(), s.fills(), s.deadLetters()})
        .containsExactly(10, 2, 3, 4, 1);
    assertThat(s.worstCvar95()).isNaN();
  }

  private static PnlEvent pnl(String book, long step, double delta, double cumulative) {
    return PnlEvent.newBuilder().setBook(book).setSymbol(book.substring(0, 3)).setDecisionId(book + "-" + step)
        .setStep(step).setEventTimeMicros(Instant.EPOCH).setSpot(100).setMarkToMarket(0).setOptionPnl(0)
        .setHedgePnl(0).setCosts(0).setStepPnl(0).setCumulativePnl(cumulative).setDelta(delta).setGamma(0)
        .setVega(0).setTheta(0).setPositions(Map.of()).setPolicyVersion("test").build();
  }

  private static RiskSnapshot risk(String book, double cvar95) {
    return RiskSnapshot.newBuilder().setBook(book).setSymbol(book.substring(0, 3)).setEventTimeMicros(Instant.EPOCH)
        .setWindowSize(250).setCount(10).setMean(0).setStd(1).setVar95(cvar95 / 2).setCvar95(cvar95).build();
  }
}
