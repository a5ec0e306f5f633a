package io.hedgestream.launcher.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusLineTest {

  @Test
  void showsRatesTotalsAndRisk() {
    StatusSnapshot before = new StatusSnapshot(100, 1, 10, 0, 2, 2, 0, 6, 0, 0, Double.NaN);
    StatusSnapshot now = new StatusSnapshot(280, 3, 40, 2, 7, 6, 1, 6, -12.34, 1234.567, 310.2);

    String line = StatusLine.format(Duration.ofSeconds(12), before, now, Duration.ofSeconds(1));

    assertThat(line).startsWith("[   12s]")
        .contains("ticks/s    180", "client orders 3", "decisions 40 (fallback 2)", "hedge orders 7", "fills 6", "books 6",
            "delta -12.3", "PnL +1,234.57", "CVaR95 310.20", "dlq 1");
  }

  @Test
  void saysNotAvailableBeforeTheFirstRiskSnapshot() {
    String line = StatusLine.format(Duration.ZERO, StatusSnapshot.EMPTY, StatusSnapshot.EMPTY, Duration.ofSeconds(1));

    assertThat(line).contains("CVaR95 n/a", "ticks/s      0");
  }
}
