package io.hedgestream.replay;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.replay.flow.LiabilityFlow;
import io.hedgestream.replay.ticks.SessionClock;
import io.hedgestream.replay.window.DateRange;
import io.hedgestream.replay.window.ReplayWindow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A window's replay: its ticks and the flow's client orders in event-time order. At each close the orders
 * booked at it come first, with the tick's event time, and the tick follows: the engine books a client order
 * stamped later than the symbol's latest tick and decides the book at the next tick, so each book decides
 * once, at the close, at that close's market. A segment's end is its last close before an excluded range
 * (see {@link LiabilityFlow}).
 *
 * <p>A timeline may start with warm-up: the ticks of the trading days just before the window, with no client
 * order, so that the engine's rolling market state (trailing daily windows) is full at the window's first
 * close. With no book the engine decides nothing on them; a run leaves them out of its results.
 *
 * @param window the window
 * @param events ticks and orders in publication order, the warm-up ticks first
 * @param warmupTicks how many leading events are warm-up ticks
 */
public record ReplayTimeline(ReplayWindow window, List<ReplayEvent> events, int warmupTicks) {

  /** Copies the list and validates the warm-up count. */
  public ReplayTimeline {
    events = List.copyOf(events);
    if (warmupTicks < 0 || warmupTicks > events.size()
        || events.subList(0, warmupTicks).stream().anyMatch(event -> !event.isTick())) {
      throw new IllegalArgumentException("warm-up must be the first " + warmupTicks + " events, all ticks");
    }
  }

  /** A timeline without warm-up. */
  public ReplayTimeline(ReplayWindow window, List<ReplayEvent> events) {
    this(window, events, 0);
  }

  /**
   * Builds the timeline of a window over a queue's ticks, preceded by the ticks of the {@code warmupDays}
   * trading days before the window's first date (fewer when the queue starts later).
   *
   * @param ticks every tick of the queue, in event-time order
   * @param window the dates to replay
   * @param flow the liability flow (fresh: it is fed every close of the window, none of the warm-up)
   * @param warmupDays trading days of ticks to publish before the window, &gt;= 0
   * @return the timeline
   * @throws IllegalArgumentException when no tick falls in the window or {@code warmupDays} is negative
   */
  public static ReplayTimeline of(List<MarketTick> ticks, ReplayWindow window, LiabilityFlow flow, int warmupDays) {
    if (warmupDays < 0) {
      throw new IllegalArgumentException("warm-up days must be >= 0, got " + warmupDays);
    }
    ReplayTimeline inWindow = of(ticks, window, flow);
    if (warmupDays == 0) {
      return inWindow;
    }
    LocalDate first = SessionClock.dateOf(inWindow.events().get(0).eventMicros());
    List<MarketTick> before = ticks.stream().filter(tick -> dateOf(tick).isBefore(first)).toList();
    List<LocalDate> days = before.stream().map(ReplayTimeline::dateOf).distinct().toList();
    LocalDate from = days.isEmpty() ? first : days.get(Math.max(0, days.size() - warmupDays));
    List<ReplayEvent> events = new ArrayList<>();
    before.stream().filter(tick -> !dateOf(tick).isBefore(from))
        .forEach(tick -> events.add(ReplayEvent.of(tick)));
    int warmup = events.size();
    events.addAll(inWindow.events());
    return new ReplayTimeline(window, events, warmup);
  }

  private static LocalDate dateOf(MarketTick tick) {
    return SessionClock.dateOf(ReplayEvent.of(tick).eventMicros());
  }

  /**
   * Builds the timeline of a window over a queue's ticks.
   *
   * @param ticks every tick of the queue, in event-time order
   * @param window the dates to replay
   * @param flow the liability flow (fresh: it is fed every close of the window)
   * @return the timeline
   * @throws IllegalArgumentException when no tick falls in the window
   */
  public static ReplayTimeline of(List<MarketTick> ticks, ReplayWindow window, LiabilityFlow flow) {
    List<MarketTick> inWindow = ticks.stream()
        .filter(tick -> window.contains(SessionClock.dateOf(new ReplayEvent(tick, null).eventMicros()))).toList();
    if (inWindow.isEmpty()) {
      throw new IllegalArgumentException("no replay data in window " + window);
    }
    List<LocalDate> lastCloses = lastClosesOfInnerSegments(inWindow, window);
    List<ReplayEvent> events = new ArrayList<>(inWindow.size() * 2);
    for (MarketTick tick : inWindow) {
      ReplayEvent event = ReplayEvent.of(tick);
      if (SessionClock.isClose(event.eventMicros())) {
        boolean endOfSegment = lastCloses.contains(SessionClock.dateOf(event.eventMicros()));
        flow.atClose(tick, endOfSegment).forEach(order -> events.add(ReplayEvent.of(order)));
      }
      events.add(event);
    }
    return new ReplayTimeline(window, events);
  }

  /** The last traded date of each segment that another non-empty segment follows. */
  private static List<LocalDate> lastClosesOfInnerSegments(List<MarketTick> ticks, ReplayWindow window) {
    List<LocalDate> lastPerSegment = new ArrayList<>();
    for (DateRange segment : window.segments()) {
      Optional<LocalDate> last = ticks.stream().map(tick -> SessionClock.dateOf(ReplayEvent.of(tick).eventMicros()))
          .filter(segment::contains).reduce((a, b) -> b);
      last.ifPresent(lastPerSegment::add);
    }
    return lastPerSegment.isEmpty() ? List.of() : lastPerSegment.subList(0, lastPerSegment.size() - 1);
  }

  /** The trading days of warm-up ticks before the window. */
  public long warmupDays() {
    return events.subList(0, warmupTicks).stream().map(event -> SessionClock.dateOf(event.eventMicros()))
        .distinct().count();
  }

  /** The ticks, in order. */
  public List<MarketTick> ticks() {
    return events.stream().filter(ReplayEvent::isTick).map(ReplayEvent::tick).toList();
  }

  /** The client orders, in order. */
  public List<ClientOrder> orders() {
    return events.stream().filter(event -> !event.isTick()).map(ReplayEvent::order).toList();
  }
}
