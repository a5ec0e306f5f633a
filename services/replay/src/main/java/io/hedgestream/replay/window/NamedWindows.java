package io.hedgestream.replay.window;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study windows (HIRM paper §5: train on calm 2017–2019, validate on late 2018, test on the crises):
 * <ul>
 *   <li>{@code calm-2017-2019}: 2017-01-01..2019-12-31 <em>excluding</em> volmageddon (Feb–Mar 2018) and the
 *       late-2018 validation quarter, as the paper's training set leaves out every high-vol window; three
 *       segments;</li>
 *   <li>{@code volmageddon-2018}: 2018-02-01..2018-03-31;</li>
 *   <li>{@code late-2018}: 2018-10-01..2018-12-31 (validation);</li>
 *   <li>{@code covid-2020}: 2020-03-01..2020-06-30;</li>
 *   <li>{@code selloff-2022}: the calendar year 2022-01-01..2022-12-31 (peak 3 Jan, trough 12 Oct and the
 *       partial recovery: the whole sell-off year rather than a hand-picked peak-to-trough);</li>
 *   <li>{@code all}: every date the queue holds.</li>
 * </ul>
 */
public final class NamedWindows {

  /** Volmageddon: the Feb–Mar 2018 volatility shock. */
  public static final ReplayWindow VOLMAGEDDON_2018 = ReplayWindow.of("volmageddon-2018", date("2018-02-01"), date("2018-03-31"));
  /** The late-2018 validation quarter. */
  public static final ReplayWindow LATE_2018 = ReplayWindow.of("late-2018", date("2018-10-01"), date("2018-12-31"));
  /** Calm 2017–2019 without the two 2018 windows. */
  public static final ReplayWindow CALM_2017_2019 = new ReplayWindow("calm-2017-2019",
      new DateRange(date("2017-01-01"), date("2019-12-31")), List.of(VOLMAGEDDON_2018.span(), LATE_2018.span()));
  /** The March–June 2020 COVID crash and rebound. */
  public static final ReplayWindow COVID_2020 = ReplayWindow.of("covid-2020", date("2020-03-01"), date("2020-06-30"));
  /** The 2022 sell-off year. */
  public static final ReplayWindow SELLOFF_2022 = ReplayWindow.of("selloff-2022", date("2022-01-01"), date("2022-12-31"));
  /** Everything in the queue. */
  public static final ReplayWindow ALL = ReplayWindow.of("all", LocalDate.MIN, LocalDate.MAX);

  private static final Map<String, ReplayWindow> BY_NAME = new LinkedHashMap<>();

  static {
    for (ReplayWindow window : List.of(CALM_2017_2019, VOLMAGEDDON_2018, LATE_2018, COVID_2020, SELLOFF_2022, ALL)) {
      BY_NAME.put(window.name(), window);
    }
  }

  private NamedWindows() {}

  /** The names, in the order above. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * A window by name, or a custom one from dates (which win over the name when given).
   *
   * @param name a window name, or null when {@code from}/{@code to} are given
   * @param from ISO first date, or null
   * @param to ISO last date, or null
   * @return the window
   * @throws IllegalArgumentException for an unknown name or a bad date
   */
  public static ReplayWindow resolve(String name, String from, String to) {
    if (from != null || to != null) {
      ReplayWindow base = name == null ? ALL : byName(name);
      try {
        LocalDate start = from == null ? base.span().from() : LocalDate.parse(from.strip());
        LocalDate end = to == null ? base.span().to() : LocalDate.parse(to.strip());
        return ReplayWindow.of("custom", start, end);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--from/--to must be ISO dates (2018-02-01), got " + from + ", " + to, e);
      }
    }
    return byName(name == null ? ALL.name() : name);
  }

  private static ReplayWindow byName(String name) {
    ReplayWindow window = BY_NAME.get(name.strip());
    if (window == null) {
      throw new IllegalArgumentException("unknown window " + name + "; known: " + names() + " or --from/--to");
    }
    return window;
  }

  private static LocalDate date(String text) {
    return LocalDate.parse(text);
  }
}
