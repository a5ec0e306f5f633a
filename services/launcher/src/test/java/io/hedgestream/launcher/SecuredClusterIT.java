package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.Side;
import io.hedgestream.broker.EmbeddedKafkaBroker;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.EngineService;
import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.gateway.GatewayService;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.kafka.TopicAdmin;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * HedgeStream on a secured broker, configured by {@code deploy/config/cluster.properties}: the in-JVM broker
 * with a SASL_SSL listener (SCRAM-SHA-512, a CA and keystore generated here with keytool, hostname
 * verification on), the StandardAuthorizer with no access unless granted, and one principal per service with
 * only the ACLs of {@link ServiceAcls}. Engine and gateway hedge end to end under their principals; every
 * principal is refused what it may not do, and says so; passwords come from files through
 * {@code ${file:...}} and appear in no log line and no error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredClusterIT {

  private static final String APPLICATION_ID = "hedgestream-engine";
  private static final String GATEWAY_GROUP = "hedgestream-gateway";
  private static final Path CLUSTER_PROPERTIES = Path.of(System.getProperty("basedir", "."))
      .resolve("../../deploy/config/cluster.properties").normalize();
  private static final List<String> USERS = List.of("admin", "engine", "gateway", "feed", "operator", "monitor");
  private static final Instant T0 = Instant.parse("2025-01-02T14:30:00Z");

  private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
  private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();
  private static final List<String> ERRORS = new ArrayList<>();
  private static PrintStream originalErr;
  private static PrintStream originalOut;
  private static Path dir;
  private static TestCertificates tls;
  private static EmbeddedKafkaBroker broker;
  private static String bootstrap;

  @BeforeAll
  static void startASecuredBroker() throws Exception {
    originalErr = System.err;
    originalOut = System.out;
    System.setErr(new PrintStream(new Tee(originalErr, LOGS), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new Tee(originalOut, LOGS), true, StandardCharsets.UTF_8));
    dir = Files.createTempDirectory("secured-cluster-it");
    SecureRandom random = new SecureRandom();
    for (String user : USERS) {
      String password = "pw-" + user + "-" + HexFormat.of().formatHex(random.generateSeed(12));
      PASSWORDS.put(user, password);
      Files.writeString(dir.resolve(user + ".password"), password + "\n");
    }
    PASSWORDS.put("stores", "st-" + HexFormat.of().formatHex(random.generateSeed(12)));
    Files.writeString(dir.resolve("stores.password"), PASSWORDS.get("stores"));
    tls = TestCertificates.generate(dir, PASSWORDS.get("stores"));

    int port = freePort();
    int controllerPort = freePort();
    String controller = EmbeddedKafkaBroker.controllerListener();
    Map<String, Object> secured = new HashMap<>();
    secured.put("listeners", "SASL_SSL://127.0.0.1:" + port + "," + controller + "://127.0.0.1:" + controllerPort);
    secured.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
    secured.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL," + controller + ":PLAINTEXT");
    secured.put("inter.broker.listener.name", "SASL_SSL");
    secured.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    secured.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
    secured.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas("admin", PASSWORDS.get("admin")));
    secured.put("ssl.keystore.location", tls.keystore().toString());
    secured.put("ssl.keystore.type", "PKCS12");
    secured.put("ssl.keystore.password", tls.password());
    secured.put("ssl.key.password", tls.password());
    secured.put("ssl.truststore.location", tls.truststore().toString());
    secured.put("ssl.truststore.type", "JKS");
    secured.put("ssl.truststore.password", tls.password());
    secured.put("ssl.endpoint.identification.algorithm", "https");
    secured.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    // The controller listener is PLAINTEXT on loopback inside this one process (KRaft's own traffic).
    secured.put("super.users", "User:admin;User:ANONYMOUS");
    secured.put("allow.everyone.if.no.acl.found", "false");
    List<String> scram = USERS.stream()
        .map(user -> "SCRAM-SHA-512=[name=" + user + ",password=" + PASSWORDS.get(user) + "]").toList();
    broker = EmbeddedKafkaBroker.startOnPorts(dir.resolve("broker"), "127.0.0.1", port, controllerPort, secured,
        scram);
    bootstrap = broker.bootstrapServers();

    Map<String, Object> admin = clientSettings("admin", PASSWORDS.get("admin"));
    TopicAdmin.ensureTopics(bootstrap, admin, 2, Topics.allNames());
    List<AclBinding> acls = new ArrayList<>();
    acls.addAll(ServiceAcls.engine("User:engine", APPLICATION_ID));
    acls.addAll(ServiceAcls.gateway("User:gateway", GATEWAY_GROUP, GATEWAY_GROUP + "-0"));
    acls.addAll(ServiceAcls.feed("User:feed"));
    acls.addAll(ServiceAcls.operator("User:operator"));
    acls.addAll(ServiceAcls.monitor("User:monitor", "hedgestream-monitor"));
    try (Admin client = Admin.create(KafkaClients.admin(bootstrap, admin))) {
      client.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
    System.setErr(originalErr);
    System.setOut(originalOut);
  }

  @Test
  @Order(1)
  void engineAndGatewayHedgeUnderTheirOwnPrincipals() throws Exception {
    Properties engineProps = clusterConfig("engine");
    engineProps.setProperty("engine.state.dir", dir.resolve("engine-state").toString());
    Properties gatewayProps = clusterConfig("gateway");
    try (EngineService engine = EngineService.start(EngineConfig.from(engineProps));
        GatewayService gateway = GatewayService.start(GatewayConfig.from(gatewayProps));
        KafkaProducer<String, byte[]> feed = producer("feed");
        KafkaConsumer<String, byte[]> monitor = consumer("monitor", "hedgestream-monitor-it")) {
      assertThat(engine.awaitRunning(Duration.ofSeconds(90))).as("engine running under User:engine").isTrue();
      send(feed, Topics.MD_TICKS, "SEC", tick(T0, 100));
      send(feed, Topics.ORDERS_CLIENT, "SEC", clientOrder());
      for (int minute = 1; minute <= 3; minute++) {
        send(feed, Topics.MD_TICKS, "SEC", tick(T0.plus(Duration.ofMinutes(minute)), 100 + minute));
      }
      monitor.subscribe(List.of(Topics.ORDERS_HEDGE.name(), Topics.FILLS_HEDGE.name()));
      List<HedgeOrder> orders = new ArrayList<>();
      List<Fill> fills = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while ((orders.isEmpty() || fills.size() < orders.size()) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : monitor.poll(Duration.ofMillis(200))) {
          if (record.topic().equals(Topics.ORDERS_HEDGE.name())) {
            orders.add(Topics.ORDERS_HEDGE.valueSerde().deserializer().deserialize(record.topic(), record.value()));
          } else {
            fills.add(Topics.FILLS_HEDGE.valueSerde().deserializer().deserialize(record.topic(), record.value()));
          }
        }
      }
      assertThat(gateway.failure()).as("gateway failure").isEmpty();
      assertThat(orders).as("hedge orders read by User:monitor").isNotEmpty();
      assertThat(fills).as("fills of every order").hasSameSizeAs(orders);
      assertThat(orders.get(0).getSide()).as("short calls are hedged by buying").isEqualTo(Side.BUY);
    }
    assertThat(runHedge("control", "resume", "--symbol", "SEC", "--config", CLUSTER_PROPERTIES.toString(),
        "--set", "engine.bootstrap.servers=" + bootstrap, "--set", "kafka.sasl.jaas.config="
            + jaasFromFile("operator"), "--set", "kafka.ssl.truststore.location=" + tls.truststore(),
        "--set", "kafka.ssl.truststore.password=${file:" + dir.resolve("stores.password") + "}"))
        .as("the operator writes policy.control").startsWith("0|");
  }

  @Test
  @Order(2)
  void eachPrincipalIsRefusedWhatItMayNotWrite() throws Exception {
    assertRefused("engine", Topics.FILLS_HEDGE);
    assertRefused("gateway", Topics.ORDERS_HEDGE);
    for (String user : List.of("engine", "gateway", "feed")) {
      assertRefused(user, Topics.POLICY_CONTROL);
    }
    for (Topic<String, ?> topic : List.of(Topics.POLICY_CONTROL, Topics.MD_TICKS, Topics.ORDERS_HEDGE)) {
      assertMonitorCannotWrite(topic);
    }
    assertRefused("feed", Topics.FILLS_HEDGE);
  }

  @Test
  @Order(3)
  void aServiceWithTheWrongPrincipalIsRefusedAndSaysSo() throws Exception {
    String feedAsOperator = runHedge("control", "kill", "--config", CLUSTER_PROPERTIES.toString(),
        "--set", "engine.bootstrap.servers=" + bootstrap, "--set", "kafka.sasl.jaas.config=" + jaasFromFile("feed"),
        "--set", "kafka.ssl.truststore.location=" + tls.truststore(),
        "--set", "kafka.ssl.truststore.password=${file:" + dir.resolve("stores.password") + "}");
    assertThat(feedAsOperator).doesNotStartWith("0|")
        .contains("Not authorized to access topics: [policy.control]")
        .contains("refused by the cluster's ACLs");

    String wrongPassword = runHedge("control", "kill", "--config", CLUSTER_PROPERTIES.toString(),
        "--set", "engine.bootstrap.servers=" + bootstrap,
        "--set", "kafka.sasl.jaas.config=" + jaas("operator", "not-the-password"),
        "--set", "kafka.ssl.truststore.location=" + tls.truststore(),
        "--set", "kafka.ssl.truststore.password=${file:" + dir.resolve("stores.password") + "}");
    assertThat(wrongPassword).doesNotStartWith("0|").contains("invalid credentials").contains("refused at login");

    Properties gatewayAsEngine = clusterConfig("engine");
    try (GatewayService gateway = GatewayService.start(GatewayConfig.from(gatewayAsEngine))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (gateway.failure().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(gateway.failure()).as("a gateway running as User:engine").isPresent();
      ERRORS.add(String.valueOf(gateway.failure().get()));
      assertThat(gateway.failure().get()).isInstanceOf(org.apache.kafka.common.errors.AuthorizationException.class);
      System.err.flush();
      assertThat(LOGS.toString(StandardCharsets.UTF_8)).as("what the gateway logs")
          .contains("gateway stopped: the cluster refused its credentials or ACLs")
          .contains("transactional id " + GATEWAY_GROUP + "-0");
    }
  }

  @Test
  @Order(4)
  void noPasswordAppearsInAnyLogLineOrError() {
    System.err.flush();
    System.out.flush();
    String logs = LOGS.toString(StandardCharsets.UTF_8) + String.join("\n", ERRORS);
    assertThat(logs).as("the clients' config dumps were logged, secrets hidden")
        .contains("hedgestream-engine", "sasl.jaas.config = [hidden]", "ssl.truststore.password = [hidden]");
    for (Map.Entry<String, String> secret : PASSWORDS.entrySet()) {
      assertThat(logs).as("the password of " + secret.getKey()).doesNotContain(secret.getValue());
    }
    assertThat(logs).as("the refused attempts were logged").contains("Not authorized");
  }

  private static void assertRefused(String user, Topic<String, ?> topic) throws Exception {
    try (KafkaProducer<String, byte[]> producer = producer(user)) {
      producer.send(new ProducerRecord<>(topic.name(), "SEC", new byte[] {1})).get(30, TimeUnit.SECONDS);
      throw new AssertionError("User:" + user + " could write " + topic.name());
    } catch (ExecutionException e) {
      ERRORS.add(String.valueOf(e.getCause()));
      assertThat(e.getCause()).as("User:" + user + " writing " + topic.name())
          .isInstanceOf(TopicAuthorizationException.class)
          .hasMessageContaining("Not authorized to access topics: [" + topic.name() + "]");
    }
  }

  /**
   * The monitor may write no topic at all, so the broker refuses its producer before any topic is named
   * (an idempotent producer's id needs WRITE on some topic). Which call reports it is a race: the returned
   * future fails if the refusal arrives after {@code send}, and {@code send} itself throws a KafkaException
   * ("in an error state") caused by the refusal if it arrives before.
   */
  private static void assertMonitorCannotWrite(Topic<String, ?> topic) throws Exception {
    try (KafkaProducer<String, byte[]> producer = producer("monitor")) {
      producer.send(new ProducerRecord<>(topic.name(), "SEC", new byte[] {1})).get(30, TimeUnit.SECONDS);
      throw new AssertionError("User:monitor could write " + topic.name());
    } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
      Throwable refusal = e;
      while (refusal != null && !(refusal instanceof org.apache.kafka.common.errors.AuthorizationException)) {
        refusal = refusal.getCause();
      }
      ERRORS.add(String.valueOf(e));
      assertThat(refusal).as("User:monitor writing " + topic.name() + ": an authorization refusal in " + e)
          .isNotNull();
    }
  }

  /** deploy/config/cluster.properties, as a service would load it, pointed at this broker as {@code user}. */
  private static Properties clusterConfig(String user) {
    ConfigOptions options = new ConfigOptions();
    options.configFiles.add(CLUSTER_PROPERTIES);
    options.settings.put("kafka.sasl.jaas.config", jaasFromFile(user));
    options.settings.put("kafka.ssl.truststore.location", tls.truststore().toString());
    options.settings.put("kafka.ssl.truststore.password", "${file:" + dir.resolve("stores.password") + "}");
    // One broker: the file's replication factor of 3 cannot be met.
    options.settings.put("kafka.replication.factor", "1");
    options.settings.put("engine.num.stream.threads", "1");
    // The file's fixed metrics ports, any free port here: services of several principals share this JVM.
    options.settings.put("engine.metrics.port", "0");
    options.settings.put("gateway.metrics.port", "0");
    options.settings.put("feed.metrics.port", "0");
    options.settings.put("engine.policy", "delta");
    options.bootstrapServers = bootstrap;
    return options.resolve(Map.of(), Map.of());
  }

  private static String jaasFromFile(String user) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"${file:" + dir.resolve(user + ".password") + "}\";";
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  private static Map<String, Object> clientSettings(String user, String password) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("security.protocol", "SASL_SSL");
    settings.put("sasl.mechanism", "SCRAM-SHA-512");
    settings.put("sasl.jaas.config", jaas(user, password));
    settings.put("ssl.truststore.location", tls.truststore().toString());
    settings.put("ssl.truststore.type", "JKS");
    settings.put("ssl.truststore.password", tls.password());
    return settings;
  }

  private static KafkaProducer<String, byte[]> producer(String user) {
    Map<String, Object> props = KafkaClients.producer(bootstrap, clientSettings(user, PASSWORDS.get(user)));
    props.put("max.block.ms", 30_000);
    return new KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(String user, String group) {
    Map<String, Object> props = KafkaClients.consumer(bootstrap, group, clientSettings(user, PASSWORDS.get(user)));
    return new KafkaConsumer<>(props, new org.apache.kafka.common.serialization.StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
  }

  @SuppressWarnings("unchecked")
  private static <T> void send(KafkaProducer<String, byte[]> producer, Topic<String, T> topic, String key, Object value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic.name(), key,
        topic.valueSerde().serializer().serialize(topic.name(), (T) value))).get(30, TimeUnit.SECONDS);
  }

  /** Runs a hedge command in this JVM; returns "exit|stdout|stderr". */
  private static String runHedge(String... args) {
    HedgeRun run = HedgeRun.of(args);
    ERRORS.add(run.err());
    return run.toString();
  }

  private static MarketTick tick(Instant time, double mid) {
    return MarketTick.newBuilder().setSymbol("SEC").setEventTimeMicros(time).setBid(mid - 0.01).setAsk(mid + 0.01)
        .setLast(mid).setVolume(100).setAtmImpliedVol(0.2).setRate(0.0).setDividendYield(0.0).setSabr(null)
        .setSource("secured-cluster-it").build();
  }

  private static ClientOrder clientOrder() {
    return ClientOrder.newBuilder().setOrderId("sec-1").setBook("desk-1").setClient("client-a").setSymbol("SEC")
        .setOption(new OptionSpec(OptionType.CALL, 100.0, T0.plus(Duration.ofDays(30)), 100.0)).setQuantity(10)
        .setPremium(2.5).setEventTimeMicros(T0).build();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  /** Writes to the original stream and keeps a copy. */
  private static final class Tee extends OutputStream {
    private final OutputStream original;
    private final OutputStream copy;

    Tee(OutputStream original, OutputStream copy) {
      this.original = original;
      this.copy = copy;
    }

    @Override
    public void write(int b) {
      synchronized (copy) {
        try {
          original.write(b);
          copy.write(b);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (copy) {
        try {
          original.write(b, off, len);
          copy.write(b, off, len);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
  }
}
