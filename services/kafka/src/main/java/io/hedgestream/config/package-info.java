/**
 * Reading a service's configuration: {@link io.hedgestream.config.SettingsReader} turns {@code <prefix>*}
 * properties into typed, validated values, collects every problem (including unknown names under the
 * prefix, which are almost always typos) and fails once at start-up with all of them listed. Each
 * service's own config object (EngineConfig, FeedConfig, GatewayConfig, ...) documents its names and
 * defaults and reads them through it.
 */
package io.hedgestream.config;
