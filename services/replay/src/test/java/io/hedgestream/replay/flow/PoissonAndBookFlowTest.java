package io.hedgestream.replay.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Poisson orders are seeded ATM calls, long and short alike; a fixed book books each row once. */
class PoissonAndBookFlowTest {

  @TempDir
  Path dir;

  private static FlowSettings poisson(long seed) {
    return new FlowSettings(FlowSettings.Kind.POISSON, "SPY-poisson", "poisson", "t", 1, 100, 30, 0, 3, seed, null);
  }

  private static List<ClientOrder> run(LiabilityFlow flow, List<MarketTick> closes) {
    List<ClientOrder> all = new ArrayList<>();
    closes.forEach(close -> all.addAll(flow.atClose(close, false)));
    return all;
  }

  @Test
  void poissonOrdersAreSeededAtmCallsOnBothSides() {
    List<MarketTick> closes = HirmRollFlowTest.closes(200);
    List<ClientOrder> orders = run(new PoissonFlow(poisson(7)), closes);
    assertThat(run(new PoissonFlow(poisson(7)), closes)).isEqualTo(orders);
    assertThat(orders.size()).isBetween(500, 700);
    long buys = orders.stream().filter(o -> o.getQuantity() > 0).count();
    assertThat(buys).isBetween(orders.size() / 2 - 60L, orders.size() / 2 + 60L);
    assertThat(orders).allSatisfy(o -> assertThat(o.getOption().getOptionType()).isEqualTo(OptionType.CALL));
    assertThat(orders).extracting(ClientOrder::getOrderId).doesNotHaveDuplicates();
  }

  @Test
  void fixedBookBooksUndatedRowsAtTheFirstCloseAndDatedRowsOnOrAfterTheirDate() throws IOException {
    Path file = dir.resolve("book.csv");
    Files.writeString(file, "# a short call and a long put\n" + BookFile.HEADER + "\n,CALL,ATM,60D,1,100\n"
        + "2018-02-06,PUT,95,2018-06-15,-2\n");
    FlowSettings settings = new FlowSettings(FlowSettings.Kind.BOOK, "b", "c", "t", 1, 100, 60, 0, 1, 1, file);
    List<ClientOrder> orders = run(new FixedBookFlow(settings, BookFile.read(file)), HirmRollFlowTest.closes(5));
    assertThat(orders).extracting(ClientOrder::getOrderId).containsExactly("t-book-L3", "t-book-L4");
    assertThat(orders.get(1).getQuantity()).isEqualTo(-2.0);
    assertThat(orders.get(1).getEventTimeMicros()).isEqualTo(HirmRollFlowTest.closes(5).get(3).getEventTimeMicros());
  }

  @Test
  void bookFileWithAZeroQuantityIsRefusedWithItsLine() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, BookFile.HEADER + "\n,CALL,ATM,60D,0\n");
    assertThatThrownBy(() -> BookFile.read(file)).hasMessageContaining("bad.csv line 2").hasMessageContaining("quantity non-zero");
  }
}
