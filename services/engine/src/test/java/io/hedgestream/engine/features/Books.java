package io.hedgestream.engine.features;

import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.BookMarks;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.market.RollingFeatures;
import io.hedgestream.pricing.PutCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decision contexts for feature and policy tests, marked the way the engine marks them. */
public final class Books {

  /** Symbol of the test books. */
  public static final String SYMBOL = "SYM";
  /** 2026-01-01T00:00:00Z in epoch micros (the trainer's parity time). */
  public static final long NOW = 1_767_225_600_000_000L;
  /** Microseconds per day. */
  public static final long DAY = 86_400_000_000L;

  private Books() {}

  /**
   * One option of a test book.
   *
   * @param putCall call or put
   * @param strike strike
   * @param expiryMicros expiry, epoch micros
   * @param multiplier units per contract
   * @param deskQuantity desk contracts (negative = short)
   */
  public record Option(PutCall putCall, double strike, long expiryMicros, double multiplier, double deskQuantity) {}

  /** A market at {@code now} with bid = ask = spot (so mid = spot exactly). */
  public static MarketSnapshot market(long now, double spot, double vol, double rate, double dividendYield) {
    return new MarketSnapshot(SYMBOL, now, spot, spot, vol, rate, dividendYield, null);
  }

  /**
   * A book marked at {@code market} through the engine's {@link BookMarker}.
   *
   * @param book book id
   * @param market the market
   * @param options the options
   * @param underlyingHolding filled holding of the underlying
   * @return the context
   */
  public static DecisionContext context(String book, MarketSnapshot market, List<Option> options,
      double underlyingHolding) {
    return context(book, market, options, underlyingHolding, RollingFeatures.NONE);
  }

  /**
   * A book marked at {@code market} with its symbol's rolling features.
   *
   * @param book book id
   * @param market the market
   * @param options the options
   * @param underlyingHolding filled holding of the underlying
   * @param rolling the symbol's rolling features as of the market
   * @return the context
   */
  public static DecisionContext context(String book, MarketSnapshot market, List<Option> options,
      double underlyingHolding, RollingFeatures rolling) {
    List<OptionPosition> positions = new ArrayList<>();
    for (Option option : options) {
      positions.add(OptionPosition.open(market.symbol(), option.putCall(), option.strike(), option.expiryMicros(),
          option.multiplier(), option.deskQuantity(), 0.0));
    }
    BookMarks marks = BookMarker.mark(positions, market);
    return DecisionContext.of(book, marks, Map.of(market.symbol(), underlyingHolding), Map.of(), rolling);
  }

  /** A desk short {@code contracts} calls (multiplier 100) at the money, 30 days, spot 100, vol 20%. */
  public static DecisionContext shortCalls(String book, double contracts, double holding) {
    return context(book, market(NOW, 100, 0.2, 0.01, 0.0),
        List.of(new Option(PutCall.CALL, 100, NOW + 30 * DAY, 100, -contracts)), holding);
  }
}
