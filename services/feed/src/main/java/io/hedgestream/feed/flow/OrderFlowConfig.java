package io.hedgestream.feed.flow;

/**
 * What the simulated clients trade, per symbol.
 *
 * @param ratePerDay expected client orders per calendar day per symbol, &gt;= 0
 * @param tenorDays calendar days from the order to the option's expiry, &gt; 0
 * @param strikeTick strikes are the spot rounded to a multiple of this, &gt; 0
 * @param minContracts smallest order size in contracts, &gt;= 1
 * @param maxContracts largest order size in contracts, &gt;= minContracts (sizes are uniform in between)
 * @param multiplier underlying units per contract, &gt; 0
 * @param booksPerSymbol number of desk books per symbol an order is booked into uniformly, &gt;= 1
 * @param bookNameTemplate book name with placeholders {@code {symbol}} and {@code {n}} (n = 1..booksPerSymbol)
 * @param clientCount number of distinct client names {@code client-1..client-N}, &gt;= 1
 */
public record OrderFlowConfig(
    double ratePerDay,
    double tenorDays,
    double strikeTick,
    int minContracts,
    int maxContracts,
    double multiplier,
    int booksPerSymbol,
    String bookNameTemplate,
    int clientCount) {

  /** Validates every field with a message naming it. */
  public OrderFlowConfig {
    require(ratePerDay >= 0 && Double.isFinite(ratePerDay), "ratePerDay must be finite and >= 0");
    require(tenorDays > 0 && Double.isFinite(tenorDays), "tenorDays must be finite and > 0");
    require(strikeTick > 0 && Double.isFinite(strikeTick), "strikeTick must be finite and > 0");
    require(minContracts >= 1, "minContracts must be >= 1");
    require(maxContracts >= minContracts, "maxContracts must be >= minContracts");
    require(multiplier > 0 && Double.isFinite(multiplier), "multiplier must be finite and > 0");
    require(booksPerSymbol >= 1, "booksPerSymbol must be >= 1");
    require(bookNameTemplate != null && !bookNameTemplate.isBlank(), "bookNameTemplate must not be blank");
    require(booksPerSymbol == 1 || bookNameTemplate.contains("{n}"),
        "bookNameTemplate must contain {n} when booksPerSymbol > 1");
    require(clientCount >= 1, "clientCount must be >= 1");
  }

  /** The option tenor in years (ACT/365). */
  public double tenorYears() {
    return tenorDays / 365.0;
  }

  /** The name of book {@code n} (1-based) of {@code symbol}. */
  public String bookName(String symbol, int n) {
    return bookNameTemplate.replace("{symbol}", symbol).replace("{n}", Integer.toString(n));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
