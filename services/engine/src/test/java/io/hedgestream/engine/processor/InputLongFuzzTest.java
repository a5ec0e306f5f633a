package io.hedgestream.engine.processor;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The long fuzz run, behind a flag: {@code ./hedge fuzz} (Maven profile {@code long-fuzz}). Same target as
 * {@link InputFuzzTest}, thirty minutes.
 */
class InputLongFuzzTest {

  @FuzzTest(maxDuration = "30m")
  void decodersAndValidators(FuzzedDataProvider data) {
    InputFuzzing.fuzzOne(data);
  }
}
