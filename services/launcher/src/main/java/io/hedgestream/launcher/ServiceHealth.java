package io.hedgestream.launcher;

import io.hedgestream.engine.EngineService;
import io.hedgestream.feed.FeedService;
import io.hedgestream.gateway.GatewayService;
import io.hedgestream.monitor.MonitorService;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** How the launcher tells whether each service is still working, and why one stopped. */
final class ServiceHealth {

  private ServiceHealth() {}

  /** The engine works until Kafka Streams reaches ERROR, PENDING_ERROR or NOT_RUNNING. */
  static ServiceRun.Watch of(EngineService engine) {
    return new ServiceRun.Watch(
        () -> engineFailure(engine).isEmpty() && engine.state() != KafkaStreams.State.NOT_RUNNING,
        () -> engineFailure(engine), () -> "Kafka Streams " + engine.state());
  }

  /** The feed works until it has published its last tick (feed.max-ticks) or failed. */
  static ServiceRun.Watch of(FeedService feed) {
    return new ServiceRun.Watch(feed::isRunning, feed::failure,
        () -> "ticks " + feed.ticksPublished() + ", client orders " + feed.ordersPublished());
  }

  /** The gateway works until it is closed or fails. */
  static ServiceRun.Watch of(GatewayService gateway) {
    return new ServiceRun.Watch(gateway::isRunning, gateway::failure,
        () -> "orders " + gateway.ordersReceived() + ", fills " + gateway.fillsPublished() + ", rejected "
            + gateway.ordersRejected());
  }

  /** The monitor works until its consumer fails or it is closed. */
  static ServiceRun.Watch of(MonitorService monitor) {
    return new ServiceRun.Watch(() -> monitor.failure().isEmpty(), monitor::failure,
        () -> "dashboard " + monitor.url() + ", " + monitor.liveClients() + " browsers connected");
  }

  private static Optional<Throwable> engineFailure(EngineService engine) {
    KafkaStreams.State state = engine.state();
    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
      return Optional.of(new IllegalStateException("the engine's Kafka Streams instance is in state " + state
          + " (see the log above for the stream thread's error)"));
    }
    return Optional.empty();
  }
}
