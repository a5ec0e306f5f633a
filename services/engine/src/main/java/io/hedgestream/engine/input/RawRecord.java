package io.hedgestream.engine.input;

/**
 * Where an input record came from and its exact bytes, kept with the decoded value so that a later
 * rejection can dead-letter the record byte for byte.
 *
 * @param topic source topic
 * @param partition source partition, -1 when unknown
 * @param offset source offset, -1 when unknown
 * @param key key bytes as received, may be null
 * @param value value bytes as received, may be null
 */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {}
