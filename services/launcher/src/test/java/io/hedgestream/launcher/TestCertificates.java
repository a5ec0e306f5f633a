package io.hedgestream.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and the broker's key pair signed by it, made with the JDK's keytool the
 * way an operator would: the broker's PKCS12 keystore (its key, its certificate for 127.0.0.1 and localhost,
 * the CA) and a JKS truststore holding only the CA, for the clients.
 *
 * @param keystore the broker's keystore (PKCS12)
 * @param truststore the clients' truststore (JKS)
 * @param password the password of both stores and of the key
 */
record TestCertificates(Path keystore, Path truststore, String password) {

  static TestCertificates generate(Path dir, String password) throws IOException, InterruptedException {
    Path ca = dir.resolve("ca.p12");
    Path caPem = dir.resolve("ca.pem");
    Path keystore = dir.resolve("broker.p12");
    Path csr = dir.resolve("broker.csr");
    Path signed = dir.resolve("broker.pem");
    Path truststore = dir.resolve("truststore.jks");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=HedgeStream test CA", "-ext", "bc:c", "-keystore", ca.toString(), "-storetype", "PKCS12",
        "-storepass", password);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
        "-file", caPem.toString());
    keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password);
    keytool("-certreq", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", password,
        "-file", csr.toString());
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
        "-infile", csr.toString(), "-outfile", signed.toString(), "-validity", "2",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost");
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", keystore.toString(),
        "-storepass", password);
    keytool("-importcert", "-noprompt", "-alias", "broker", "-file", signed.toString(), "-keystore",
        keystore.toString(), "-storepass", password);
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore",
        truststore.toString(), "-storetype", "JKS", "-storepass", password);
    return new TestCertificates(keystore, truststore, password);
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool " + arguments[0] + " failed: " + output);
    }
  }
}
