package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.feed.FeedConfig;
import io.hedgestream.gateway.GatewayConfig;
import io.hedgestream.metrics.Health;
import io.hedgestream.metrics.ServiceMetrics;
import io.hedgestream.monitor.MonitorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * No cluster runs here, so the deployment files are checked against the services instead: every manifest under
 * {@code deploy/k8s} and the compose file is parsed; each container's command line is parsed by the launcher
 * itself and turned into the service's validated configuration (unknown settings are refused), with its
 * {@code /config} files taken from the ConfigMap it mounts and each {@code ${env:..}} / {@code ${file:..}}
 * reference answered only by what the container is given (an env entry, a mounted secret key). Then ports,
 * probe paths, volumes, secrets and selectors are checked against that configuration.
 */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("..", "..", "deploy");
  private static final Path K8S = DEPLOY.resolve("k8s");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theKustomizationListsEveryManifestAndTheConfigMapHoldsDeployConfigVerbatim() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> list = Files.list(K8S)) {
      list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
          .forEach(files::add);
    }
    Set<String> listed = new TreeSet<>();
    YAML.readTree(K8S.resolve("kustomization.yaml").toFile()).get("resources").forEach(r -> listed.add(r.asText()));
    assertThat(listed).isEqualTo(files);

    JsonNode config = only(documents(), "ConfigMap", "hedgestream-config");
    assertThat(config.at("/data/cluster.properties").asText())
        .isEqualTo(Files.readString(DEPLOY.resolve("config/cluster.properties")));
    assertThat(config.at("/data/fix-initiator.cfg").asText())
        .isEqualTo(Files.readString(DEPLOY.resolve("config/fix-initiator.cfg")));
  }

  @Test
  void everyContainerRunsAHedgeCommandWhoseConfigurationTheServiceAcceptsAndServesItsProbes(@TempDir Path tmp)
      throws IOException {
    List<JsonNode> docs = documents();
    Map<String, Object> configured = new LinkedHashMap<>();
    for (JsonNode workload : workloads(docs)) {
      JsonNode pod = workload.at("/spec/template/spec");
      for (JsonNode container : pod.get("containers")) {
        String where = workload.at("/metadata/name").asText() + "/" + container.get("name").asText();
        assertThat(container.get("image").asText()).as(where).isEqualTo("hedgestream/hedge:0.1.0-SNAPSHOT");
        Object config = configuration(where, args(container), new PodFiles(docs, workload, pod, container, tmp));
        configured.put(where, config);
        checkPorts(where, workload, container, config);
      }
    }
    assertThat(configured.keySet()).containsExactlyInAnyOrder("hedgestream-topics/topics",
        "hedgestream-engine/engine", "hedgestream-gateway/gateway", "hedgestream-feed/feed",
        "hedgestream-monitor/monitor");

    JsonNode engineSet = only(docs, "StatefulSet", "hedgestream-engine");
    EngineConfig engine = (EngineConfig) configured.get("hedgestream-engine/engine");
    assertThat(engine.instanceId()).as("static membership per pod").hasValue("<metadata.name>");
    assertThat(engine.standbyReplicas()).isEqualTo(1).isLessThan(engineSet.at("/spec/replicas").asInt());
    assertThat(engine.processingGuarantee()).isEqualTo(EngineConfig.EXACTLY_ONCE_V2);
    assertThat(mountOf(engineSet, "engine", engine.stateDir()))
        .as("the engine's state dir is on its volume claim").hasValue("state");
    assertThat(engineSet.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("state");

    JsonNode gatewaySet = only(docs, "StatefulSet", "hedgestream-gateway");
    GatewayConfig gateway = (GatewayConfig) configured.get("hedgestream-gateway/gateway");
    assertThat(gatewaySet.at("/spec/replicas").asInt()).as("one transactional id, one FIX session").isEqualTo(1);
    assertThat(mountOf(gatewaySet, "gateway", gateway.fix().stateDir()))
        .as("the sent ClOrdIDs and the FIX store survive a restart").hasValue("state");

    MonitorConfig monitor = (MonitorConfig) configured.get("hedgestream-monitor/monitor");
    assertThat(monitor.accessToken()).as("beyond loopback the monitor needs its token").isPresent();
  }

  @Test
  void secretsConfigMapsServicesAndTheDisruptionBudgetReferToWhatExists() {
    List<JsonNode> docs = documents();
    Map<String, Set<String>> secretKeys = new HashMap<>();
    for (JsonNode doc : docs) {
      if (doc.get("kind").asText().equals("Secret")) {
        Set<String> keys = new TreeSet<>();
        for (String field : List.of("data", "stringData")) {
          if (doc.has(field)) {
            doc.get(field).fieldNames().forEachRemaining(keys::add);
          }
        }
        secretKeys.put(doc.at("/metadata/name").asText(), keys);
      }
    }
    for (JsonNode workload : workloads(docs)) {
      JsonNode pod = workload.at("/spec/template/spec");
      pod.findValues("secretKeyRef").forEach(ref -> assertThat(secretKeys.get(ref.get("name").asText()))
          .as(ref.toString()).contains(ref.get("key").asText()));
      for (JsonNode volume : pod.path("volumes")) {
        for (JsonNode source : volume.at("/projected/sources")) {
          JsonNode secret = source.get("secret");
          secret.get("items").forEach(item -> assertThat(secretKeys.get(secret.get("name").asText()))
              .as(secret.toString()).contains(item.get("key").asText()));
        }
        if (volume.has("configMap")) {
          assertThat(only(docs, "ConfigMap", volume.at("/configMap/name").asText())).isNotNull();
        }
      }
    }
    for (JsonNode doc : docs) {
      String kind = doc.get("kind").asText();
      if (kind.equals("Service") || kind.equals("PodDisruptionBudget")) {
        JsonNode selector = kind.equals("Service") ? doc.at("/spec/selector") : doc.at("/spec/selector/matchLabels");
        JsonNode selected = workloads(docs).stream().filter(w -> matches(selector, w.at("/spec/template/metadata/labels")))
            .findFirst().orElseThrow(() -> new AssertionError(doc.at("/metadata/name") + " selects no pods"));
        if (kind.equals("Service")) {
          Set<String> portNames = new TreeSet<>();
          selected.at("/spec/template/spec/containers").forEach(c -> c.path("ports").forEach(p ->
              portNames.add(p.get("name").asText())));
          doc.at("/spec/ports").forEach(p -> assertThat(portNames).as(doc.at("/metadata/name").asText())
              .contains(p.get("targetPort").asText()));
        }
      }
    }
  }

  @Test
  void theComposeFileRunsHedgeCommandsWhoseConfigurationTheServicesAccept() throws IOException {
    JsonNode compose = YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile());
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    assertThat(dockerfile).as("the image holds the configs at /config and the shipped models")
        .contains("COPY deploy/config /config", "COPY models /app/models");
    List<String> services = new ArrayList<>();
    compose.get("services").fields().forEachRemaining(entry -> {
      if (!entry.getValue().has("command")) {
        return; // kafka: the broker's own image
      }
      List<String> args = new ArrayList<>();
      entry.getValue().get("command").forEach(a -> args.add(a.asText()));
      services.add(entry.getKey());
      configuration(entry.getKey(), args, new ComposeFiles());
    });
    assertThat(services).containsExactlyInAnyOrder("topics", "gateway", "engine", "feed");
  }

  // ---------------------------------------------------------------------------------------------------------

  /** Parses the command line as {@code hedge} would and builds the configuration its command starts with. */
  private static Object configuration(String where, List<String> args, ContainerFiles files) {
    ParseResult parsed = new CommandLine(new HedgeCommand()).parseArgs(args.toArray(String[]::new));
    assertThat(parsed.hasSubcommand()).as(where + ": a hedge command").isTrue();
    ParseResult sub = parsed.subcommand();
    Object command = sub.commandSpec().userObject();
    ConfigOptions options = (ConfigOptions) sub.commandSpec().mixins().get("config").userObject();
    List<Path> local = new ArrayList<>();
    for (Path file : options.configFiles) {
      local.add(files.local(file));
    }
    options.configFiles = local;
    options.secrets = files;
    if (command instanceof EngineCommand engine) {
      return engine.configuration();
    } else if (command instanceof GatewayCommand gateway) {
      return gateway.configuration();
    } else if (command instanceof FeedCommand feed) {
      return feed.configuration();
    } else if (command instanceof MonitorCommand monitor) {
      return monitor.configuration();
    }
    return options.resolve(Map.of(), Map.of());
  }

  /** The container's metrics (or http) port is the one the service binds, beyond loopback, and probed there. */
  private static void checkPorts(String where, JsonNode workload, JsonNode container, Object config) {
    Optional<Integer> port = Optional.empty();
    Optional<String> host = Optional.empty();
    if (config instanceof EngineConfig engine) {
      port = served(engine.metrics());
      host = Optional.of(engine.metrics().host());
    } else if (config instanceof GatewayConfig gateway) {
      port = served(gateway.metrics());
      host = Optional.of(gateway.metrics().host());
    } else if (config instanceof FeedConfig feed) {
      port = served(feed.metrics());
      host = Optional.of(feed.metrics().host());
    } else if (config instanceof MonitorConfig monitor) {
      port = Optional.of(monitor.port());
      host = Optional.of(monitor.host());
    }
    if (port.isEmpty()) {
      assertThat(container.has("ports")).as(where + " serves nothing").isFalse();
      return;
    }
    assertThat(host).as(where + ": the kubelet and Prometheus reach the pod's address").hasValue("0.0.0.0");
    JsonNode declared = container.get("ports").get(0);
    assertThat(declared.get("containerPort").asInt()).as(where).isEqualTo(port.get());
    String name = declared.get("name").asText();
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(where).isEqualTo(Health.LIVE_PATH);
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(where).isEqualTo(Health.READY_PATH);
    assertThat(container.at("/livenessProbe/httpGet/port").asText()).as(where).isEqualTo(name);
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).as(where).isEqualTo(name);
    assertThat(workload.at("/spec/template/metadata/annotations/prometheus.io~1port").asText()).as(where)
        .isEqualTo(port.get().toString());
  }

  private static Optional<Integer> served(ServiceMetrics.Settings metrics) {
    return metrics.port() > 0 ? Optional.of(metrics.port()) : Optional.empty();
  }

  /** The name of the volume mounted at (or above) {@code path} in the workload's container. */
  private static Optional<String> mountOf(JsonNode workload, String container, Path path) {
    for (JsonNode c : workload.at("/spec/template/spec/containers")) {
      if (c.get("name").asText().equals(container)) {
        for (JsonNode mount : c.path("volumeMounts")) {
          if (path.startsWith(Path.of(mount.get("mountPath").asText()))) {
            return Optional.of(mount.get("name").asText());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> args(JsonNode container) {
    assertThat(container.has("command")).as("the image's entrypoint runs hedge").isFalse();
    List<String> args = new ArrayList<>();
    container.get("args").forEach(a -> args.add(a.asText()));
    return args;
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    boolean[] all = {true};
    selector.fields().forEachRemaining(e -> all[0] &= e.getValue().asText().equals(labels.path(e.getKey()).asText()));
    return all[0];
  }

  private static List<JsonNode> workloads(List<JsonNode> docs) {
    return docs.stream().filter(d -> Set.of("Deployment", "StatefulSet", "Job").contains(d.get("kind").asText()))
        .toList();
  }

  private static JsonNode only(List<JsonNode> docs, String kind, String name) {
    List<JsonNode> found = docs.stream().filter(d -> d.get("kind").asText().equals(kind)
        && d.at("/metadata/name").asText().equals(name)).toList();
    assertThat(found).as(kind + " " + name).hasSize(1);
    return found.get(0);
  }

  private static List<JsonNode> documents() {
    List<JsonNode> docs = new ArrayList<>();
    try (Stream<Path> list = Files.list(K8S)) {
      for (Path file : list.sorted().toList()) {
        if (file.toString().endsWith(".yaml") && !file.endsWith("kustomization.yaml")) {
          YAML.readerFor(JsonNode.class).readValues(file.toFile()).forEachRemaining(d -> {
            if (d != null && !((JsonNode) d).isEmpty()) {
              docs.add((JsonNode) d);
            }
          });
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + K8S + ": " + e, e);
    }
    return docs;
  }

  /** What a container is given: its environment and secret files, and its {@code --config} files here. */
  private interface ContainerFiles extends SecretReferences.Source {
    Path local(Path inContainer);
  }

  /**
   * A pod's view of files and environment: {@code --config} files must come from a mounted ConfigMap key, every
   * {@code ${file:..}} from a mounted secret key, every {@code ${env:..}} from the container's env.
   */
  private static final class PodFiles implements ContainerFiles {

    private final Map<String, String> environment = new HashMap<>();
    private final Map<Path, String> configFiles = new HashMap<>();
    private final Set<Path> secretFiles = new TreeSet<>();
    private final Path tmp;
    private final String where;

    PodFiles(List<JsonNode> docs, JsonNode workload, JsonNode pod, JsonNode container, Path tmp) {
      this.tmp = tmp;
      this.where = workload.at("/metadata/name").asText();
      // A literal value as given; a field or a secret as a placeholder naming it.
      container.path("env").forEach(e -> environment.put(e.get("name").asText(), e.has("value")
          ? e.get("value").asText() : e.at("/valueFrom/fieldRef/fieldPath").isMissingNode()
          ? "<secret " + e.at("/valueFrom/secretKeyRef/name").asText() + ">"
          : "<" + e.at("/valueFrom/fieldRef/fieldPath").asText() + ">"));
      Map<String, JsonNode> volumes = new HashMap<>();
      pod.path("volumes").forEach(v -> volumes.put(v.get("name").asText(), v));
      for (JsonNode mount : container.path("volumeMounts")) {
        Path at = Path.of(mount.get("mountPath").asText());
        JsonNode volume = volumes.get(mount.get("name").asText());
        if (volume == null) {
          continue; // a volume claim template
        }
        if (volume.has("configMap")) {
          only(docs, "ConfigMap", volume.at("/configMap/name").asText()).get("data").fields()
              .forEachRemaining(e -> configFiles.put(at.resolve(e.getKey()), e.getValue().asText()));
        }
        for (JsonNode source : volume.at("/projected/sources")) {
          source.at("/secret/items").forEach(item -> secretFiles.add(at.resolve(item.get("path").asText())));
        }
      }
    }

    @Override
    public Path local(Path inContainer) {
      String content = configFiles.get(inContainer);
      assertThat(content).as(where + ": --config " + inContainer + " is a mounted ConfigMap key").isNotNull();
      try {
        Path file = Files.createTempFile(tmp, "config", ".properties");
        return Files.writeString(file, content);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public Map<String, String> environment() {
      return environment;
    }

    @Override
    public String read(Path file) throws IOException {
      if (!secretFiles.contains(file)) {
        throw new java.nio.file.NoSuchFileException(where + " mounts no secret at " + file);
      }
      return "secret";
    }
  }

  /** The compose file's containers: the image's /config is deploy/config; the local config holds no secret. */
  private static final class ComposeFiles implements ContainerFiles {

    @Override
    public Path local(Path inContainer) {
      assertThat(inContainer.startsWith(Path.of("/config"))).as(inContainer.toString()).isTrue();
      return DEPLOY.resolve("config").resolve(Path.of("/config").relativize(inContainer));
    }

    @Override
    public Map<String, String> environment() {
      return Map.of();
    }

    @Override
    public String read(Path file) throws IOException {
      throw new java.nio.file.NoSuchFileException("compose mounts no secret at " + file);
    }
  }
}
