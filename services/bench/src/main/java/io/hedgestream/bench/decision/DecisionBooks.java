package io.hedgestream.bench.decision;

import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.BookMarks;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.DeltaHedgePolicy;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.pricing.PutCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Varied, seeded books for the decision benchmarks, marked through the engine's own {@link BookMarker} so
 * that each {@link DecisionContext} is what the engine hands a policy.
 *
 * <p>Each book: one of 10 underlyings (spot {@code 100 e^{0.1 Z}}, ATM vol U[10%, 40%], rate 2%, no
 * dividends, a 2-cent spread), 1 to 4 liability options (3 in 4 calls), strikes spot x U[0.85, 1.15],
 * expiries 30 to 90 days, desk short or long 1 to 20 contracts of 100; a filled underlying holding of
 * 0.8 to 1.2 times the delta-neutral one (a book hedged at an earlier price), and in one book out of 8 an
 * order still pending for part of the difference. The model was trained on books of two calls with strikes
 * 0.85 to 1.15 spot and 30 to 90 days, so these are in or near its domain.
 */
final class DecisionBooks {

  /** 2026-01-01T00:00:00Z, epoch microseconds: the decision time of every book. */
  static final long NOW_MICROS = 1_767_225_600_000_000L;
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final int SYMBOLS = 10;
  private static final double MULTIPLIER = 100;
  private static final double HALF_SPREAD = 0.01;

  private DecisionBooks() {}

  /**
   * Generates books.
   *
   * @param count how many
   * @param seed seed of the generator (same seed, same books)
   * @return the books' decision contexts
   */
  static List<DecisionContext> generate(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<MarketSnapshot> markets = new ArrayList<>(SYMBOLS);
    for (int s = 0; s < SYMBOLS; s++) {
      double spot = 100 * Math.exp(0.1 * gaussian(random));
      double vol = 0.1 + 0.3 * random.nextDouble();
      markets.add(new MarketSnapshot(String.format("S%02d", s), NOW_MICROS, spot - HALF_SPREAD, spot + HALF_SPREAD,
          vol, 0.02, 0.0, null));
    }
    List<DecisionContext> books = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      books.add(book("book-" + i, markets.get(random.nextInt(SYMBOLS)), random));
    }
    return books;
  }

  private static DecisionContext book(String id, MarketSnapshot market, SplittableRandom random) {
    int optionCount = 1 + random.nextInt(4);
    List<OptionPosition> positions = new ArrayList<>(optionCount);
    for (int k = 0; k < optionCount; k++) {
      PutCall putCall = random.nextInt(4) == 0 ? PutCall.PUT : PutCall.CALL;
      double strike = Math.round(market.mid() * (0.85 + 0.3 * random.nextDouble()) * 2) / 2.0;
      long expiry = NOW_MICROS + (30 + random.nextInt(61)) * DAY_MICROS;
      double contracts = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(20));
      positions.add(OptionPosition.open(market.symbol(), putCall, strike, expiry, MULTIPLIER, contracts, 0.0));
    }
    BookMarks marks = BookMarker.mark(positions, market);
    DecisionContext unhedged = DecisionContext.of(id, marks, Map.of(), Map.of());
    double neutral = DeltaHedgePolicy.deltaNeutralHolding(unhedged);
    double holding = Math.round(neutral * (0.8 + 0.4 * random.nextDouble()));
    Map<String, Double> pending = random.nextInt(8) == 0
        ? Map.of(market.symbol(), (double) Math.round(0.5 * (neutral - holding))) : Map.of();
    return DecisionContext.of(id, marks, holding == 0 ? Map.of() : Map.of(market.symbol(), holding), pending);
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
