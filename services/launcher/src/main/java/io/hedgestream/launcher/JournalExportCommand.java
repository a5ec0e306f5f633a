package io.hedgestream.launcher;

import io.hedgestream.engine.journal.JournalCsv;
import io.hedgestream.engine.journal.JournalReader;
import io.hedgestream.engine.journal.JournaledDecision;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedge journal export}: a journal as CSV, one row per distinct decision (hedgetrain.journal reads it). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write a journal as CSV: one row per decision id (re-executed copies folded to the last), "
        + "feature.<name>, output.<instrument>, target.<instrument>, order.<instrument> columns.",
        "Load it in the trainer with hedgetrain.journal.load_journal_csv."})
final class JournalExportCommand implements Callable<Integer> {

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Journal directory (engine.journal.dir; default: the default engine's).")
  Path dir;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The CSV file to write.")
  Path out;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  JournalExportCommand() {}

  @Override
  public Integer call() throws IOException {
    Path source = JournalCommand.dirOrDefault(dir);
    List<JournaledDecision> journaled = JournalReader.readAll(source);
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    int rows;
    try (Writer csv = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      rows = JournalCsv.write(journaled, csv);
    }
    spec.commandLine().getOut().println("hedge journal export: " + rows + " decisions (" + (journaled.size() - rows)
        + " re-executed copies folded) from " + source + " to " + out);
    return 0;
  }
}
