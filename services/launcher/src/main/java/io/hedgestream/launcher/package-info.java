/**
 * The {@code hedge} command line: {@code hedge demo} (the whole pipeline on an in-JVM broker with a live
 * status line), and {@code hedge engine}, {@code hedge feed}, {@code hedge gateway} to run one service
 * against a cluster. Each command layers its configuration as defaults, then {@code --config FILE}, then
 * {@code --set NAME=VALUE}, then its typed options, and hands {@code kafka.*} settings through to every
 * Kafka client.
 */
package io.hedgestream.launcher;
