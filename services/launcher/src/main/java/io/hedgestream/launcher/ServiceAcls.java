package io.hedgestream.launcher;

import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least ACLs each HedgeStream service needs on a cluster with an authorizer, one principal per service:
 * what a desk's Kafka team grants, and what {@code SecuredClusterIT} grants and enforces. Nothing else is
 * allowed: the engine cannot write fills, the gateway cannot write hedge orders, only the operator writes
 * {@code policy.control}, the monitor only reads.
 *
 * <table>
 *   <caption>Grants</caption>
 *   <tr><th>service</th><th>reads</th><th>writes</th><th>also</th></tr>
 *   <tr><td>engine</td><td>md.ticks, orders.client, fills.hedge, orders.status, policy.control</td><td>orders.hedge,
 *     pnl.events, risk.metrics, regime.events, the .dlq of its inputs</td><td>group, internal topics and
 *     transactional ids prefixed with {@code engine.application.id}</td></tr>
 *   <tr><td>gateway</td><td>orders.hedge, md.ticks, policy.control (trading states), pnl.events (book
 *     reports, for the position and Greek limits)</td><td>fills.hedge, orders.status, orders.hedge.dlq,
 *     md.ticks.dlq; with client trades from FIX also orders.client and orders.client.dlq</td>
 *     <td>group {@code gateway.group-id}, transactional id {@code gateway.instance-id}</td></tr>
 *   <tr><td>feed</td><td>-</td><td>md.ticks, orders.client</td><td></td></tr>
 *   <tr><td>operator</td><td>-</td><td>policy.control</td><td></td></tr>
 *   <tr><td>monitor</td><td>every topic and .dlq</td><td>-</td><td>groups prefixed with its group prefix</td></tr>
 * </table>
 */
public final class ServiceAcls {

  private static final List<Topic<String, ?>> ENGINE_INPUTS = List.of(Topics.MD_TICKS, Topics.ORDERS_CLIENT,
      Topics.FILLS_HEDGE, Topics.ORDERS_STATUS, Topics.POLICY_CONTROL);
  private static final List<Topic<String, ?>> ENGINE_OUTPUTS = List.of(Topics.ORDERS_HEDGE, Topics.PNL_EVENTS,
      Topics.RISK_METRICS, Topics.REGIME_EVENTS);

  private ServiceAcls() {}

  /**
   * The engine (Kafka Streams, exactly-once).
   *
   * @param principal e.g. {@code User:hedgestream-engine}
   * @param applicationId {@code engine.application.id}
   */
  public static List<AclBinding> engine(String principal, String applicationId) {
    List<AclBinding> acls = new ArrayList<>();
    ENGINE_INPUTS.forEach(topic -> read(acls, principal, topic.name()));
    ENGINE_OUTPUTS.forEach(topic -> write(acls, principal, topic.name()));
    ENGINE_INPUTS.forEach(topic -> write(acls, principal, Topics.deadLetterOf(topic).name()));
    acls.add(allow(principal, ResourceType.TOPIC, applicationId, PatternType.PREFIXED, AclOperation.ALL));
    acls.add(allow(principal, ResourceType.GROUP, applicationId, PatternType.PREFIXED, AclOperation.READ));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED,
        AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED,
        AclOperation.DESCRIBE));
    return acls;
  }

  /**
   * The paper gateway (transactional consumer-producer).
   *
   * @param principal e.g. {@code User:hedgestream-gateway}
   * @param groupId {@code gateway.group-id}
   * @param instanceId {@code gateway.instance-id} (its transactional id)
   */
  public static List<AclBinding> gateway(String principal, String groupId, String instanceId) {
    List<AclBinding> acls = new ArrayList<>();
    read(acls, principal, Topics.ORDERS_HEDGE.name());
    read(acls, principal, Topics.MD_TICKS.name());
    read(acls, principal, Topics.POLICY_CONTROL.name());
    read(acls, principal, Topics.PNL_EVENTS.name());
    write(acls, principal, Topics.FILLS_HEDGE.name());
    write(acls, principal, Topics.ORDERS_STATUS.name());
    write(acls, principal, Topics.deadLetterOf(Topics.ORDERS_HEDGE).name());
    write(acls, principal, Topics.deadLetterOf(Topics.MD_TICKS).name());
    acls.add(allow(principal, ResourceType.GROUP, groupId, PatternType.LITERAL, AclOperation.READ));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, instanceId, PatternType.LITERAL, AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, instanceId, PatternType.LITERAL,
        AclOperation.DESCRIBE));
    return acls;
  }

  /**
   * What a gateway that accepts the desk's client trades from its OMS over FIX
   * ({@code gateway.fix.client-trades-session-file}) needs besides {@link #gateway}: writing client orders.
   */
  public static List<AclBinding> gatewayClientTrades(String principal) {
    List<AclBinding> acls = new ArrayList<>();
    write(acls, principal, Topics.ORDERS_CLIENT.name());
    write(acls, principal, Topics.deadLetterOf(Topics.ORDERS_CLIENT).name());
    return acls;
  }

  /** The market-data and client-order feed (or a desk's adapters in its place). */
  public static List<AclBinding> feed(String principal) {
    List<AclBinding> acls = new ArrayList<>();
    write(acls, principal, Topics.MD_TICKS.name());
    write(acls, principal, Topics.ORDERS_CLIENT.name());
    return acls;
  }

  /** The operator ({@code hedge control}): the only writer of policy.control. */
  public static List<AclBinding> operator(String principal) {
    List<AclBinding> acls = new ArrayList<>();
    write(acls, principal, Topics.POLICY_CONTROL.name());
    return acls;
  }

  /**
   * A monitoring consumer: reads every topic and dead-letter queue, writes nothing.
   *
   * @param groupPrefix the prefix of the consumer groups it may use
   */
  public static List<AclBinding> monitor(String principal, String groupPrefix) {
    List<AclBinding> acls = new ArrayList<>();
    Topics.allNames().forEach(name -> read(acls, principal, name));
    acls.add(allow(principal, ResourceType.GROUP, groupPrefix, PatternType.PREFIXED, AclOperation.READ));
    return acls;
  }

  private static void read(List<AclBinding> acls, String principal, String topic) {
    acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
    acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
  }

  private static void write(List<AclBinding> acls, String principal, String topic) {
    acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
  }

  private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
      AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }
}
