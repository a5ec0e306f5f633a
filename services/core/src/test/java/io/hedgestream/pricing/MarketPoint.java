package io.hedgestream.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One set of option inputs for the seeded parameter grids of the pricing tests. */
record MarketPoint(PutCall putCall, double spot, double strike, double ttmYears, double vol, double rate,
    double dividendYield) {

  /**
   * Seeded random points in a desk-realistic region: spot 20-200, log-moneyness within +-0.5, 0.05-2
   * years, vol 10%-60%, rate -1%..8%, dividend yield 0-6%; so vol * sqrt(T) >= 0.022.
   */
  static List<MarketPoint> grid(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    List<MarketPoint> points = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      double spot = random.nextDouble(20, 200);
      points.add(new MarketPoint(
          random.nextBoolean() ? PutCall.CALL : PutCall.PUT,
          spot,
          spot * Math.exp(random.nextDouble(-0.5, 0.5)),
          random.nextDouble(0.05, 2),
          random.nextDouble(0.10, 0.60),
          random.nextDouble(-0.01, 0.08),
          random.nextDouble(0, 0.06)));
    }
    return points;
  }

  MarketPoint with(PutCall other) {
    return new MarketPoint(other, spot, strike, ttmYears, vol, rate, dividendYield);
  }

  OptionGreeks greeks() {
    return BlackScholes.greeks(putCall, spot, strike, ttmYears, vol, rate, dividendYield);
  }

  double priceAt(double spotShift, double ttmShift, double volShift) {
    return BlackScholes.price(putCall, spot + spotShift, strike, ttmYears + ttmShift, vol + volShift, rate,
        dividendYield);
  }

  double deltaAt(double spotShift) {
    return BlackScholes.greeks(putCall, spot + spotShift, strike, ttmYears, vol, rate, dividendYield).delta();
  }
}
