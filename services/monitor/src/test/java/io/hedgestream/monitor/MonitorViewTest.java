package io.hedgestream.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.TradingState;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorViewTest {

  static {
    // Before any Avro class loads: HedgeStream's decoding limits (see AvroLimits).
    io.hedgestream.schemas.AvroLimits.apply();
  }

  private final MonitorView view = new MonitorView(64, 10);

  @Test
  void symbolsSumTheirBooksAndFallbacksCountByGuardrail() {
    view.onPnl(pnl("b1", "SPY", 1, 10.0, "POLICY"));
    view.onPnl(pnl("b2", "SPY", 1, -4.0, "FALLBACK: target 9000.0 for SPY exceeds max-position 1000.0"));
    view.onPnl(pnl("b2", "SPY", 2, -5.0, "FALLBACK: target NaN for SPY is not finite"));

    Map<String, Object> o = view.overview();
    Map<?, ?> totals = (Map<?, ?>) o.get("totals");
    assertThat(totals.get("pnl")).isEqualTo(5.0);
    assertThat(totals.get("fallbacks")).isEqualTo(2L);
    assertThat(o.get("fallbacksByGuardrail")).isEqualTo(Map.of("max-position", 1L, "non-finite-target", 1L));
    Map<?, ?> spy = ((List<Map<?, ?>>) o.get("symbols")).get(0);
    assertThat(spy.get("pnl")).isEqualTo(5.0);
    assertThat(spy.get("books")).isEqualTo(2);
    assertThat(view.fallback("b2-2").orElseThrow().get("reason").toString()).contains("is not finite");
  }

  @Test
  void theKillSwitchFollowsTheEngineResumeForAllClearsEverySymbol() {
    view.onPnl(pnl("b1", "SPY", 1, 1.0, "POLICY"));
    view.onPnl(pnl("b2", "QQQ", 1, 1.0, "POLICY"));
    view.onControl("SPY", control(ControlCommand.KILL_SWITCH, null));
    assertThat(killed()).containsExactly(false, true);
    view.onControl("*", control(ControlCommand.KILL_SWITCH, null));
    view.onControl("SPY", control(ControlCommand.RESUME, null));
    assertThat(killed()).as("* still covers SPY").containsExactly(true, true);
    view.onControl("*", control(ControlCommand.RESUME, null));
    assertThat(killed()).containsExactly(false, false);
    view.onControl("QQQ", control(ControlCommand.SET_TRADING_STATE, TradingState.HALTED));
    assertThat(((List<Map<?, ?>>) view.overview().get("symbols")).get(0).get("tradingState")).isEqualTo("HALTED");
  }

  @Test
  void deadLettersCountByTopicAndCodeAndKeepAPreviewOfTheirBytes() {
    DeadLetter d = DeadLetter.newBuilder().setSourceTopic("md.ticks").setPartition(0).setOffset(42)
        .setKey(ByteBuffer.wrap(new byte[] {65})).setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .setError("not Avro").setErrorType("DECODE").setService("engine").setFailedAtMicros(Instant.EPOCH).build();
    view.onDeadLetter("md.ticks.dlq", 0, 7, d);

    assertThat(view.overview().get("deadLetters")).isEqualTo(List.of(Map.of("topic", "md.ticks.dlq", "code", "DECODE",
        "count", 1L)));
    Map<String, Object> held = view.deadLetter("md.ticks.dlq/0/7").orElseThrow();
    assertThat(held).containsEntry("source", "md.ticks/0/42").containsEntry("valueHex", "010203")
        .containsEntry("error", "not Avro");
    assertThat(view.deadLetter("md.ticks.dlq/0/8")).isEmpty();
  }

  private List<Boolean> killed() {
    return ((List<Map<?, ?>>) view.overview().get("symbols")).stream().map(s -> (Boolean) s.get("killSwitch")).toList();
  }

  static PnlEvent pnl(String book, String symbol, long step, double cumulative, String reason) {
    return PnlEvent.newBuilder().setBook(book).setSymbol(symbol).setDecisionId(book + "-" + step).setStep(step)
        .setEventTimeMicros(Instant.ofEpochSecond(1_700_000_000L + step * 60)).setSpot(100).setMarkToMarket(0)
        .setOptionPnl(0).setHedgePnl(0).setCosts(0).setStepPnl(1).setCumulativePnl(cumulative).setDelta(1)
        .setGamma(0).setVega(0).setTheta(0).setPositions(Map.of(symbol, 2.0)).setPolicyVersion("v1")
        .setReason(reason).build();
  }

  private static PolicyControl control(ControlCommand command, TradingState state) {
    return PolicyControl.newBuilder().setCommandId("c").setCommand(command).setTradingState(state)
        .setOperator("op").setEventTimeMicros(Instant.now()).build();
  }
}
