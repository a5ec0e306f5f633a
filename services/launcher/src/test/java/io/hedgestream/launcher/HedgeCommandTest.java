package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HedgeCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = HedgeCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void topLevelHelpListsEveryCommand() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString()).contains("demo", "engine", "feed", "gateway", "topics", "control");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "engine", "feed", "gateway", "topics"})
  void everyCommandHasHelpWithTheSharedConfigOptions(String command) {
    assertThat(run(command, "--help")).isZero();

    assertThat(out.toString()).contains("Usage: hedge " + command, "--config", "--set", "--bootstrap-servers");
  }

  @Test
  void demoHelpShowsItsOptions() {
    run("demo", "--help");

    assertThat(out.toString()).contains("--duration", "--symbols", "--books", "--speed", "--seed", "--partitions");
  }

  @Test
  void badDurationIsAUsageErrorWithoutAStackTrace() {
    int status = run("demo", "--duration", "soon");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("soon").doesNotContain("\tat ");
  }

  @Test
  void invalidConfigurationExitsWithTwoAndNamesTheProperty() {
    int status = run("demo", "--set", "demo.partitions=0");

    assertThat(status).isEqualTo(HedgeCommand.EXIT_CONFIG);
    assertThat(err.toString()).contains("demo.partitions").doesNotContain("\tat ");
  }
}
