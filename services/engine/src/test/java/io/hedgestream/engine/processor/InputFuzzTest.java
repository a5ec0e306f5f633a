package io.hedgestream.engine.processor;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The short fuzz run of the default build (its own Surefire execution sets {@code JAZZER_FUZZ}; without it,
 * as in the main test run, only the stored inputs under {@code InputFuzzTestInputs} are replayed).
 * {@link InputFuzzing} says what is fuzzed and what must hold.
 */
class InputFuzzTest {

  @FuzzTest(maxDuration = "45s")
  void decodersAndValidators(FuzzedDataProvider data) {
    InputFuzzing.fuzzOne(data);
  }
}
