package io.hedgestream.launcher;

import io.hedgestream.engine.EngineConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hedge journal tail|export|verify}: the engine's decision journal (a Chronicle queue per engine
 * instance, {@code engine.journal.dir}), read offline.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = {"Read an engine's decision journal: tail (human-readable), export (CSV for the trainer), "
        + "verify (re-execute every model decision with the recorded model)."},
    subcommands = {JournalTailCommand.class, JournalExportCommand.class, JournalVerifyCommand.class})
final class JournalCommand implements Runnable {

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  JournalCommand() {}

  /** Without a subcommand: print the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The directory an engine with default settings journals to:
   * {@code ${java.io.tmpdir}/hedgestream/engine/journal/hedgestream-engine}.
   */
  static Path defaultDir() {
    return EngineConfig.of("engine.bootstrap.servers", "unused:9092").journalDir();
  }

  /** The directory given, or the default one. */
  static Path dirOrDefault(Path dir) {
    return dir != null ? dir : defaultDir();
  }
}
