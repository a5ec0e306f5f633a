package io.hedgestream.engine.journal;

/**
 * A decision as read back from the journal.
 *
 * @param index the Chronicle queue index of the excerpt (cycle and sequence), unique within the queue
 * @param appendMicros wall-clock time of the append, epoch microseconds
 * @param record the decision
 */
public record JournaledDecision(long index, long appendMicros, DecisionRecord record) {}
