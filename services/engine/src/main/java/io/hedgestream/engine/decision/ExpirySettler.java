package io.hedgestream.engine.decision;

import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.engine.state.OptionPosition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Cash-settles options that have expired: at the first decision whose event time is at or after an
 * option's expiry, the desk pays (or receives) the intrinsic value at the tick's mid,
 * {@code max(+-(mid - K), 0) x desk contracts x multiplier}, and the option leaves the book. Positions
 * netted to zero contracts leave the book too. Listed option series held as hedges settle the same way
 * (intrinsic at mid x contracts held x multiplier, into the hedge cash flows) and stop being their family's
 * current series.
 */
public final class ExpirySettler {

  private ExpirySettler() {}

  /**
   * Settles every expired option of the book at {@code market}.
   *
   * @param book the book (cash, flows and options are updated)
   * @param market the market of the decision
   * @return one note per settled option, empty when none expired
   */
  public static List<String> settle(BookState book, MarketSnapshot market) {
    List<String> notes = new ArrayList<>();
    double mid = market.mid();
    Iterator<OptionPosition> options = book.options().iterator();
    while (options.hasNext()) {
      OptionPosition option = options.next();
      if (option.deskQuantity() == 0) {
        options.remove();
      } else if (option.expiryMicros() <= market.eventMicros()) {
        double intrinsic = Math.max(option.putCall().sign() * (mid - option.strike()), 0);
        double amount = intrinsic * option.deskQuantity() * option.multiplier();
        book.bookSettlement(amount);
        options.remove();
        notes.add("settled " + option.optionId() + " x" + option.deskQuantity() + " at intrinsic " + intrinsic);
      }
    }
    settleHedges(book, market, notes);
    return notes;
  }

  private static void settleHedges(BookState book, MarketSnapshot market, List<String> notes) {
    List<HedgeSeries> expired = new ArrayList<>();
    for (HedgeSeries series : book.hedgeSeries().values()) {
      if (series.expiryMicros() <= market.eventMicros() && book.holding(series.optionId()) != 0) {
        expired.add(series);
      }
    }
    for (HedgeSeries series : expired) {
      double contracts = book.holding(series.optionId());
      double intrinsic = Math.max(series.putCall().sign() * (market.mid() - series.strike()), 0);
      book.settleHedge(series.optionId(), intrinsic * contracts * series.multiplier());
      notes.add("settled hedge " + series.optionId() + " x" + contracts + " at intrinsic " + intrinsic);
    }
  }
}
