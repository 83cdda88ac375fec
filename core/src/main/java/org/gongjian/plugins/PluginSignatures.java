package org.gongjian.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Checks that a plugin jar is signed (standard JAR signing, {@code jarsigner}) in every entry by a
 * publisher the operator trusts: the X.509 certificates in {@code $GONGJIAN_HOME/trusted-publishers}
 * ({@code .pem}, {@code .crt} or {@code .cer}). Reading every entry makes the JDK compare it with
 * its signed digest, so a jar changed after signing is refused too.
 */
final class PluginSignatures {

    /** Why a jar was refused: a stable code and a sentence for the administrator. */
    record Refusal(String code, String message) {}

    private final Set<Certificate> trusted;

    private PluginSignatures(Set<Certificate> trusted) {
        this.trusted = trusted;
    }

    /** The publishers trusted by the certificates in a directory (none when it does not exist). */
    static PluginSignatures trusting(Path directory) {
        Set<Certificate> certificates = new HashSet<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
                        certificates.addAll(read(file));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the trusted publishers in " + directory, e);
            }
        }
        return new PluginSignatures(Set.copyOf(certificates));
    }

    int trustedCount() {
        return trusted.size();
    }

    /** Empty when every entry of the jar is signed by a trusted publisher; otherwise why not. */
    Optional<Refusal> check(Path jar) {
        List<String> unsigned = new ArrayList<>();
        List<String> untrusted = new ArrayList<>();
        int signed = 0;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            for (JarEntry entry : file.stream().toList()) {
                if (entry.isDirectory() || signatureFile(entry.getName())) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream()); // a changed entry throws here
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    unsigned.add(entry.getName());
                } else if (!byTrusted(signers)) {
                    untrusted.add(entry.getName());
                } else {
                    signed++;
                }
            }
        } catch (SecurityException e) {
            return Optional.of(new Refusal(
                    "PLUGIN_SIGNATURE_INVALID",
                    "The plugin was changed after it was signed (" + e.getMessage() + "); it is refused"));
        } catch (IOException e) {
            return Optional.of(new Refusal("PLUGIN_NOT_A_JAR", "The file is not a readable plugin jar"));
        }
        if (signed == 0 && untrusted.isEmpty()) {
            return Optional.of(new Refusal(
                    "PLUGIN_UNSIGNED",
                    "The plugin is not signed; only plugins signed by a trusted publisher are installed"
                            + " (or switch on development mode on a test server)"));
        }
        if (!unsigned.isEmpty()) {
            return Optional.of(new Refusal(
                    "PLUGIN_SIGNATURE_INVALID",
                    "Parts of the plugin were added after it was signed (" + unsigned.getFirst() + "); it is refused"));
        }
        if (!untrusted.isEmpty()) {
            return Optional.of(new Refusal(
                    "PLUGIN_PUBLISHER_UNTRUSTED",
                    "The plugin's publisher is not trusted on this server: add its certificate to the"
                            + " trusted publishers to install it"));
        }
        return Optional.empty();
    }

    private boolean byTrusted(CodeSigner[] signers) {
        for (CodeSigner signer : signers) {
            for (Certificate certificate : signer.getSignerCertPath().getCertificates()) {
                if (trusted.contains(certificate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean signatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF")
                || upper.endsWith(".SF")
                || upper.endsWith(".RSA")
                || upper.endsWith(".DSA")
                || upper.endsWith(".EC")
                || upper.startsWith("META-INF/SIG-");
    }

    private static List<Certificate> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (CertificateException e) {
            throw new IllegalStateException("The trusted publisher file " + file + " holds no readable certificate", e);
        }
    }
}
