package io.hedgestream.engine.decision;

import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.OptionPosition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Cash-settles options that have expired: at the first decision whose event time is at or after an
 * option's expiry, the desk pays (or receives) the intrinsic value at the tick's mid,
 * {@code max(+-(mid - K), 0) x desk contracts x multiplier}, and the option leaves the book. Positions
 * netted to zero contracts leave the book too.
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
    return notes;
  }
}
