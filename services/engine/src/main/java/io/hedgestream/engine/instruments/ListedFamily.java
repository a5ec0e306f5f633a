package io.hedgestream.engine.instruments;

import io.hedgestream.pricing.PutCall;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listed-option instrument family of the feature contract: {@code <CALL|PUT>_ATM_<N>D}, the European,
 * cash-settled option struck at the money with about {@code N} calendar days to expiry (1 to
 * {@value #MAX_TENOR_DAYS}), e.g. {@code CALL_ATM_30D}. A model output for a family is option units
 * (contracts x multiplier) per unit of book scale; {@link ListedSeriesResolver} turns a family into a
 * concrete series.
 *
 * @param putCall call or put
 * @param tenorDays the family's tenor N in calendar days
 */
public record ListedFamily(PutCall putCall, int tenorDays) {

  /** Longest tenor a family may name, days. */
  public static final int MAX_TENOR_DAYS = 730;

  private static final Pattern NAME = Pattern.compile("(CALL|PUT)_ATM_([1-9][0-9]{0,2})D");

  /** Rejects a tenor outside [1, {@value #MAX_TENOR_DAYS}]. */
  public ListedFamily {
    if (putCall == null || tenorDays < 1 || tenorDays > MAX_TENOR_DAYS) {
      throw new IllegalArgumentException("listed family needs a put/call and a tenor in [1, " + MAX_TENOR_DAYS
          + "] days, got " + putCall + " " + tenorDays);
    }
  }

  /**
   * The family an instrument name denotes.
   *
   * @param instrument a contract instrument name such as {@code CALL_ATM_30D}
   * @return the family, empty when the name is not a listed family (e.g. {@code UNDERLYING})
   */
  public static Optional<ListedFamily> parse(String instrument) {
    Matcher match = NAME.matcher(instrument == null ? "" : instrument);
    if (!match.matches()) {
      return Optional.empty();
    }
    int tenor = Integer.parseInt(match.group(2));
    if (tenor > MAX_TENOR_DAYS) {
      return Optional.empty();
    }
    return Optional.of(new ListedFamily(PutCall.valueOf(match.group(1)), tenor));
  }

  /** Whether {@code instrument} names a listed family. */
  public static boolean isFamily(String instrument) {
    return parse(instrument).isPresent();
  }

  /** The contract name, e.g. {@code CALL_ATM_30D}. */
  public String name() {
    return putCall.name() + "_ATM_" + tenorDays + "D";
  }

  /** The name of the contract feature holding this family, e.g. {@code hedge_call_atm_30d}. */
  public String holdingFeature() {
    return "hedge_" + name().toLowerCase(Locale.ROOT);
  }
}
