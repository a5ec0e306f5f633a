package io.hedgestream.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.engine.state.BookState;
import org.junit.jupiter.api.Test;

class LedgerWindowTest {

  @Test
  void riskCoversOnlyTheLastWindowOfStepsAndDrawdownAllOfThem() {
    BookState book = new BookState("b", "SPY");
    double[] steps = {10, -30, 5, 5, -1, 2};
    for (double step : steps) {
      book.nextSequence();
      book.ledger().recordStep(0, 0, 0, step, 3);
    }

    RiskSnapshot risk = RiskReporter.snapshot(book, 3, 0);

    assertThat(book.ledger().recentStepPnl()).containsExactly(5, -1, 2);
    assertThat(risk.getWindowSize()).isEqualTo(3);
    assertThat(risk.getCount()).isEqualTo(6);
    assertThat(risk.getMean()).isEqualTo(2);
    assertThat(risk.getVar95()).isEqualTo(1);
    assertThat(risk.getCvar95()).isEqualTo(1);
    assertThat(risk.getMaxDrawdown()).isEqualTo(30);
  }

  @Test
  void aFirstStepHasZeroSpreadNotNaN() {
    BookState book = new BookState("b", "SPY");
    book.nextSequence();
    book.ledger().recordStep(0, 0, 0, -4, 250);
    RiskSnapshot risk = RiskReporter.snapshot(book, 250, 0);
    assertThat(risk.getStd()).isZero();
    assertThat(risk.getVar95()).isEqualTo(4);
  }
}
