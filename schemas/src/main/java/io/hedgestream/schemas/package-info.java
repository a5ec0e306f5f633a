/**
 * The wire contracts of HedgeStream: Avro single-object serdes and the typed registry of every topic.
 *
 * <p>Records themselves are generated from {@code schemas/src/main/avro} into {@code io.hedgestream.avro}.
 * Nothing outside this package names a topic by a bare string; it uses {@link io.hedgestream.schemas.Topics}.
 */
package io.hedgestream.schemas;
