/**
 * The engine's decision journal: every decision of every book, appended to a Chronicle queue per engine
 * instance ({@link io.hedgestream.engine.journal.ChronicleDecisionJournal}) as a self-describing
 * {@link io.hedgestream.engine.journal.DecisionRecord}, and the offline tools that read it back
 * ({@link io.hedgestream.engine.journal.JournalReader}), export it to CSV for the trainer
 * ({@link io.hedgestream.engine.journal.JournalCsv}) and re-execute its model decisions
 * ({@link io.hedgestream.engine.journal.JournalVerifier}).
 *
 * <p>The journal is written outside the Kafka transaction: a task that restarts re-executes its
 * uncommitted decisions and journals them again under the same decision id. Readers keep the last copy of
 * each decision id and report how many copies they dropped ({@link io.hedgestream.engine.journal.JournalContents}).
 */
package io.hedgestream.engine.journal;
