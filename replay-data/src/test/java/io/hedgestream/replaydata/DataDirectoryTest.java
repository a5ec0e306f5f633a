package io.hedgestream.replaydata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data directory comes from the command line, then the system property, then the environment. */
class DataDirectoryTest {

  @Test
  void explicitValueWinsOverPropertyAndEnvironment() {
    DataDirectory dir = DataDirectory.resolve("/a", Map.of("hedge.data.dir", "/b"), Map.of("HEDGE_DATA_DIR", "/c"));
    assertThat(dir).isEqualTo(new DataDirectory(Path.of("/a"), "--data-dir"));
  }

  @Test
  void systemPropertyWinsOverEnvironment() {
    assertThat(DataDirectory.resolve(null, Map.of("hedge.data.dir", "/b"), Map.of("HEDGE_DATA_DIR", "/c")).path())
        .isEqualTo(Path.of("/b"));
    assertThat(DataDirectory.resolve(" ", Map.of(), Map.of("HEDGE_DATA_DIR", "/c")).origin()).isEqualTo("HEDGE_DATA_DIR");
  }

  @Test
  void defaultIsReplayDataUnderTheHedgeHome() {
    assertThat(DataDirectory.resolve(null, Map.of("hedge.home", "/repo"), Map.of()).path())
        .isEqualTo(Path.of("/repo/replay-data/data"));
  }

  @Test
  void everyCommittedManifestNamesItsFileAndDigest() {
    for (Dataset dataset : Dataset.values()) {
      assertThat(dataset.manifest().dataset()).isEqualTo(dataset.manifestName());
      assertThat(dataset.manifest().sha256()).hasSize(64);
    }
  }
}
