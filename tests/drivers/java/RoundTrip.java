// Round-trip driver for the generated Java package: decodes a JSON file as one
// of the generated types with a plain ObjectMapper, re-encodes it and writes it.
//   java RoundTrip <package> <TypeName> <file.json>   prints the re-encoded JSON
//   java RoundTrip <package> --batch                  stdin: TYPE<TAB>IN<TAB>OUT per line

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public final class RoundTrip {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RoundTrip() {
    }

    static String roundTrip(String pkg, String type, String file) throws IOException, ClassNotFoundException {
        Class<?> cls = Class.forName(pkg + "." + type);
        Object value = MAPPER.readValue(new File(file), cls);
        return MAPPER.writerFor(cls).withDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[1].equals("--batch")) {
            int failed = 0;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t");
                try {
                    Files.writeString(Path.of(parts[2]), roundTrip(args[0], parts[0], parts[1]));
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    failed++;
                    System.err.println(parts[0] + " " + parts[1] + ": " + e);
                }
            }
            System.exit(failed == 0 ? 0 : 1);
        } else if (args.length == 3) {
            try {
                System.out.write(roundTrip(args[0], args[1], args[2]).getBytes(StandardCharsets.UTF_8));
                System.out.flush();
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                System.err.println("error: " + e);
                System.exit(1);
            }
        } else {
            System.err.println("usage: RoundTrip <package> <TypeName> <file.json> | RoundTrip <package> --batch");
            System.exit(2);
        }
    }
}
