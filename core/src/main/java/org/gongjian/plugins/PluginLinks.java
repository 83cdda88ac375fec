package org.gongjian.plugins;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the class files of a plugin jar before any of its code runs and names the classes it links
 * against that a plugin may not use (see {@link SdkClassLoader}): a plugin compiled against a core
 * class is refused when it is loaded, not when that line first runs in front of a user.
 */
final class PluginLinks {

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([^;<>]+);");

    private PluginLinks() {}

    /** The classes of the server the jar links against that are not offered to plugins, sorted. */
    static Set<String> forbidden(Path jar) {
        Set<String> own = new HashSet<>();
        Set<String> referenced = new HashSet<>();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                    continue;
                }
                own.add(name.substring(0, name.length() - ".class".length()));
                try (var in = file.getInputStream(entry)) {
                    referenced.addAll(references(in.readAllBytes()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the classes of " + jar.getFileName(), e);
        }
        Set<String> forbidden = new TreeSet<>();
        for (String internal : referenced) {
            if (own.contains(internal)) {
                continue;
            }
            String name = internal.replace('/', '.');
            if (!SdkClassLoader.offered(name) && !jdk(internal)) {
                forbidden.add(name);
            }
        }
        return forbidden;
    }

    /** The refusal for a jar that links against classes plugins may not use, naming the first few. */
    static String refusal(Set<String> forbidden) {
        List<String> first = forbidden.stream().limit(3).toList();
        String more = forbidden.size() > first.size() ? " and " + (forbidden.size() - first.size()) + " more" : "";
        return "The plugin links against classes outside the plugin SDK: "
                + String.join(", ", first)
                + more
                + ". The first is " + SdkClassLoader.kind(first.getFirst());
    }

    private static boolean jdk(String internal) {
        return ClassLoader.getPlatformClassLoader().getResource(internal + ".class") != null;
    }

    /**
     * The class names (internal form) a class file refers to: its class constants and the types in
     * the descriptors of its constants, fields and methods.
     */
    static Set<String> references(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNames = new ArrayList<>();
        List<Integer> descriptors = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> {
                    int index = in.readUnsignedShort();
                    if (tag == 16) {
                        descriptors.add(index);
                    }
                }
                case 12 -> {
                    in.readUnsignedShort();
                    descriptors.add(in.readUnsignedShort());
                }
                case 3, 4, 9, 10, 11, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant tag " + tag);
            }
        }
        in.readUnsignedShort(); // access flags
        in.readUnsignedShort(); // this class
        in.readUnsignedShort(); // super class (a class constant)
        in.skipBytes(2 * in.readUnsignedShort()); // interfaces (class constants)
        for (int members = 0; members < 2; members++) {
            int n = in.readUnsignedShort();
            for (int m = 0; m < n; m++) {
                in.readUnsignedShort();
                in.readUnsignedShort();
                descriptors.add(in.readUnsignedShort());
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    in.readUnsignedShort();
                    in.skipBytes(in.readInt());
                }
            }
        }
        Set<String> names = new HashSet<>();
        for (int index : classNames) {
            String name = utf8[index];
            if (name.startsWith("[")) {
                addTypes(name, names);
            } else {
                names.add(name);
            }
        }
        for (int index : descriptors) {
            addTypes(utf8[index], names);
        }
        return names;
    }

    private static void addTypes(String descriptor, Set<String> names) {
        Matcher types = TYPE_IN_DESCRIPTOR.matcher(descriptor);
        while (types.find()) {
            names.add(types.group(1));
        }
    }
}
