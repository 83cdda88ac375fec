package org.gongjian.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;

/**
 * A publisher for tests: a key pair made by the JDK's {@code keytool}, jars signed by the JDK's
 * {@code jdk.security.jarsigner} (what {@code jarsigner} does), and its certificate as PEM for the
 * trusted-publishers directory.
 */
final class PluginSigner {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final PrivateKey key;
    private final X509Certificate certificate;

    private PluginSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** A new publisher named {@code name}, its keystore kept in {@code dir}. */
    static PluginSigner create(String name, Path dir) {
        Path store = dir.resolve(name + ".p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        try {
            Process process = new ProcessBuilder(
                            keytool,
                            "-genkeypair",
                            "-alias",
                            name,
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=" + name + ",O=Gongjian tests",
                            "-validity",
                            "3650",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            store.toString(),
                            "-storepass",
                            new String(PASSWORD))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            return new PluginSigner(
                    (PrivateKey) keys.getKey(name, PASSWORD), (X509Certificate) keys.getCertificate(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code jar} into {@code signed}. */
    Path sign(Path jar, Path signed) {
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));
            JarSigner signer = new JarSigner.Builder(key, path).build();
            try (ZipFile in = new ZipFile(jar.toFile());
                    OutputStream out = Files.newOutputStream(signed)) {
                signer.sign(in, out);
            }
            return signed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the publisher's certificate as {@code <dir>/<file>} in PEM. */
    Path trustIn(Path dir, String file) {
        try {
            Files.createDirectories(dir);
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Files.writeString(dir.resolve(file), pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code jar} with each entry's bytes passed through {@code change} (a tampered jar). */
    static Path rewrite(Path jar, Path target, BiFunction<String, byte[], byte[]> change) throws IOException {
        try (JarFile in = new JarFile(jar.toFile(), false);
                OutputStream file = Files.newOutputStream(target);
                JarOutputStream out = new JarOutputStream(file)) {
            copy(in, out, change);
        }
        return target;
    }

    static void copy(JarFile in, JarOutputStream out, BiFunction<String, byte[], byte[]> change) throws IOException {
        for (JarEntry entry : in.stream().toList()) {
            out.putNextEntry(new JarEntry(entry.getName()));
            try (InputStream bytes = in.getInputStream(entry)) {
                out.write(change.apply(entry.getName(), bytes.readAllBytes()));
            }
            out.closeEntry();
        }
    }
}
