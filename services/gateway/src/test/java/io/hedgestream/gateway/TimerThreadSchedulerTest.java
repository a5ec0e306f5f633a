package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TimerThreadSchedulerTest {

  @Test
  void drainAndStopRunsTheTasksAlreadyScheduledOnTheTimerThread() {
    TimerThreadScheduler scheduler = new TimerThreadScheduler("test-timer");
    List<String> ranOn = new CopyOnWriteArrayList<>();
    scheduler.schedule(() -> ranOn.add(Thread.currentThread().getName()), Duration.ofMillis(20));
    scheduler.schedule(() -> ranOn.add("second"), Duration.ofMillis(40));

    scheduler.drainAndStop(Duration.ofSeconds(30));

    assertThat(ranOn).containsExactly("test-timer", "second");
  }
}
