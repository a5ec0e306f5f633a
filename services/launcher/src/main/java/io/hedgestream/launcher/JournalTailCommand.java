package io.hedgestream.launcher;

import io.hedgestream.engine.journal.JournalReader;
import io.hedgestream.engine.journal.JournalText;
import io.hedgestream.engine.journal.JournaledDecision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedge journal tail}: the last decisions of a journal, human-readable, optionally following it. */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print the last decisions of a journal (every copy, as appended), then optionally follow it.")
final class JournalTailCommand implements Callable<Integer> {

  /** How long --follow waits before looking for new decisions again. */
  static final long FOLLOW_POLL_MS = 200;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Journal directory (engine.journal.dir; default: the default engine's).")
  Path dir;

  @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "Decisions to print (default 10).")
  int count;

  @Option(names = {"-f", "--follow"}, description = "Keep printing decisions as they are appended (Ctrl-C stops).")
  boolean follow;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  JournalTailCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    if (count < 0) {
      throw new IllegalArgumentException("-n must be >= 0, was " + count);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (JournalReader reader = JournalReader.open(JournalCommand.dirOrDefault(dir))) {
      Deque<JournaledDecision> last = new ArrayDeque<>();
      for (JournaledDecision decision = reader.next(); decision != null; decision = reader.next()) {
        last.addLast(decision);
        if (last.size() > count) {
          last.removeFirst();
        }
      }
      last.forEach(decision -> out.println(JournalText.format(decision)));
      out.flush();
      while (follow && !Thread.currentThread().isInterrupted()) {
        JournaledDecision decision = reader.next();
        if (decision == null) {
          Thread.sleep(FOLLOW_POLL_MS);
        } else {
          out.println(JournalText.format(decision));
          out.flush();
        }
      }
    }
    return 0;
  }
}
