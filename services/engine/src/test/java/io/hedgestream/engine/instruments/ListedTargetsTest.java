package io.hedgestream.engine.instruments;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.engine.state.BookState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListedTargetsTest {

  private static final Instant T0 = Instant.parse("2025-01-02T14:30:00Z");
  private final ListedTargets targets = new ListedTargets(ListedOptionRules.DEFAULTS);

  private static MarketSnapshot market(Instant time, double mid) {
    return new MarketSnapshot("SPY", EpochMicros.of(time), mid - 0.01, mid + 0.01, 0.2, 0, 0, null);
  }

  private static TargetHoldings target(double underlying, double callUnits) {
    return new TargetHoldings(Map.of("SPY", underlying, "CALL_ATM_30D", callUnits));
  }

  @Test
  void familyUnitsBecomeContractsOfTheResolvedSeriesAndTheUnderlyingPassesThrough() {
    BookState book = new BookState("b", "SPY");

    ListedTargets.Concrete concrete = targets.concretise(book, target(250, 550), market(T0, 100.2));

    assertThat(concrete.target().units()).containsExactly(Map.entry("SPY", 250.0),
        Map.entry("SPY-20250201-C-100", 5.5));
    assertThat(book.currentSeries("CALL_ATM_30D").optionId()).isEqualTo("SPY-20250201-C-100");
    assertThat(concrete.notes()).containsExactly("CALL_ATM_30D is SPY-20250201-C-100");
  }

  @Test
  void theSeriesIsStickyWhileTheSpotMovesAndTimePassesAboveTheRollThreshold() {
    BookState book = new BookState("b", "SPY");
    targets.concretise(book, target(0, 500), market(T0, 100));

    ListedTargets.Concrete later = targets.concretise(book, target(0, 500),
        market(T0.plus(Duration.ofDays(22)), 112));

    assertThat(later.target().units()).containsOnlyKeys("SPY", "SPY-20250201-C-100");
    assertThat(later.notes()).isEmpty();
  }

  @Test
  void belowTheRollThresholdTheTargetMovesToAFreshSeriesAndTheOldOneIsClosed() {
    BookState book = new BookState("b", "SPY");
    targets.concretise(book, target(0, 500), market(T0, 100));
    book.bookFill("SPY-20250201-C-100", 5, 2.0, 0, 2.0);

    ListedTargets.Concrete rolled = targets.concretise(book, target(0, 500),
        market(T0.plus(Duration.ofDays(24)), 112));

    assertThat(rolled.target().units()).containsEntry("SPY-20250201-C-100", 0.0)
        .containsEntry("SPY-20250225-C-112", 5.0);
    assertThat(book.currentSeries("CALL_ATM_30D").optionId()).isEqualTo("SPY-20250225-C-112");
    assertThat(book.hedgeSeries("SPY-20250201-C-100")).as("still held: its terms stay").isNotNull();
    assertThat(rolled.notes()).containsExactly("rolled CALL_ATM_30D from SPY-20250201-C-100 to SPY-20250225-C-112");
  }

  @Test
  void concreteIdsOfAFlattenPassThrough() {
    BookState book = new BookState("b", "SPY");
    TargetHoldings flatten = new TargetHoldings(Map.of("SPY", 0.0, "SPY-20250201-C-100", 0.0));
    assertThat(targets.concretise(book, flatten, market(T0, 100)).target()).isEqualTo(flatten);
  }
}
