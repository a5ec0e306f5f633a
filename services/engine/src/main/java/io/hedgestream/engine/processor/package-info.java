/**
 * The stateful heart of the topology: the book processor, its stores, and the outputs it emits.
 */
package io.hedgestream.engine.processor;
