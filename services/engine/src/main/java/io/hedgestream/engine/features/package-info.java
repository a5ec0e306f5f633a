/**
 * The policy feature contract on the engine's side: {@code schemas/policy/features.json} (packaged into the
 * engine's jar from that one file), one Java function per contract feature name, and the builder that
 * assembles the ordered feature vector a model's metadata asks for from a book's {@code DecisionContext}.
 * The trainer builds the same features from the same file; parity tests compare the two to 1e-9.
 */
package io.hedgestream.engine.features;
