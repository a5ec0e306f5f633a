package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferencesTest {

  @Test
  void replacesEnvironmentAndFileReferences(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("truststore.pw"), "s3cr3t-file\n");
    Properties props = new Properties();
    props.setProperty("kafka.sasl.jaas.config", "ScramLoginModule required username=\"engine\" "
        + "password=\"${env:HEDGE_TEST_PW}\";");
    props.setProperty("kafka.ssl.truststore.password", "${file:" + secret + "}");
    props.setProperty("engine.policy", "delta");

    SecretReferences.resolve(props, Map.of("HEDGE_TEST_PW", "pa$$\\word"));

    assertThat(props.getProperty("kafka.sasl.jaas.config")).isEqualTo("ScramLoginModule required "
        + "username=\"engine\" password=\"pa$$\\word\";");
    assertThat(props.getProperty("kafka.ssl.truststore.password")).isEqualTo("s3cr3t-file");
    assertThat(props.getProperty("engine.policy")).isEqualTo("delta");
  }

  @Test
  void aMissingSecretNamesTheSettingAndTheReferenceButNoValue(@TempDir Path dir) {
    Properties props = new Properties();
    props.setProperty("kafka.sasl.jaas.config", "password=\"${env:HEDGE_UNSET}\"");
    assertThatThrownBy(() -> SecretReferences.resolve(props, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kafka.sasl.jaas.config refers to ${env:HEDGE_UNSET}, which is not set");

    Properties file = new Properties();
    file.setProperty("fix.password", "${file:" + dir.resolve("absent") + "}");
    assertThatThrownBy(() -> SecretReferences.resolve(file, Map.of()))
        .hasMessageStartingWith("fix.password refers to ${file:").hasMessageEndingWith("cannot be read "
            + "(NoSuchFileException)");
  }
}
