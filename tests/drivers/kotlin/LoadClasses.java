// Usage: java LoadClasses.java DIR
//
// Loads (without initialising) every class kotlinc wrote under DIR. kotlinc
// compiles some classes the JVM refuses to load (a constructor of more than
// 255 parameter slots: ClassFormatError), so compiling alone proves too little.
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public final class LoadClasses {
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.filter(p -> p.toString().endsWith(".class"))
                .map(p -> root.relativize(p).toString().replace('\\', '/'))
                .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                .sorted()
                .collect(Collectors.toList());
        }
        int failed = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()},
                LoadClasses.class.getClassLoader())) {
            for (String name : names) {
                try {
                    Class.forName(name, false, loader);
                } catch (ClassFormatError | VerifyError e) {
                    System.err.println("error: the JVM refuses " + name + ": " + e);
                    failed++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class referring to a library missing here (the classpath is the caller's).
                    System.err.println("error: cannot load " + name + ": " + e);
                    failed++;
                }
            }
        }
        System.out.println("kotlin: " + names.size() + " classes loaded, " + failed + " refused");
        System.exit(failed == 0 ? 0 : 1);
    }
}
