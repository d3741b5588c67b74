{{ head.banner }}
package {{ head.package }};

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decodes a union: by its discriminator property when it has one, else as the
 * first variant whose JSON shape matches the value and that decodes (its
 * required properties present, its values of their declared types). A value
 * that no variant decodes is an error.
 *
 * @param <T> the union type
 */
public abstract class UnionDeserializer<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;

    /** The JSON shape a variant takes. */
    protected enum JsonShape {
        STRING, BOOLEAN, INTEGER, NUMBER, ARRAY, OBJECT, ANY;

        static JsonShape of(JsonNode node) {
            if (node.isTextual()) {
                return STRING;
            } else if (node.isBoolean()) {
                return BOOLEAN;
            } else if (node.isIntegralNumber()) {
                return INTEGER;
            } else if (node.isNumber()) {
                return NUMBER;
            } else if (node.isArray()) {
                return ARRAY;
            } else if (node.isObject()) {
                return OBJECT;
            }
            return ANY;
        }

        boolean accepts(JsonShape actual) {
            return this == ANY || this == actual || (this == NUMBER && actual == INTEGER);
        }
    }

    /** Reads one variant's value from the tree and wraps it as the union. */
    @FunctionalInterface
    protected interface Reader<T> {
        T read(DeserializationContext context, JsonNode node) throws IOException;
    }

    /** One variant: its shape, its tag (or null) and how to read it. */
    protected record Variant<T>(JsonShape shape, String tag, Reader<T> reader) {
    }

    private final String discriminator;
    private final transient List<Variant<T>> variants;

    protected UnionDeserializer(Class<T> type, String discriminator, List<Variant<T>> variants) {
        super(type);
        this.discriminator = discriminator;
        this.variants = variants;
    }

    /** A variant whose value is read as {@code type} and wrapped by {@code wrap}. */
    protected static <T, V> Variant<T> variant(
            JsonShape shape, String tag, TypeReference<V> type,
            Function<? super V, ? extends T> wrap) {
        return new Variant<>(shape, tag, (context, node) -> {
            JavaType target = context.getTypeFactory().constructType(type);
            String problem = StrictJson.check(node, target, "");
            if (problem != null) {
                return context.reportInputMismatch(target, "%s", problem);
            }
            V value = context.readTreeAsValue(node, target);
            return wrap.apply(value);
        });
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = context.readTree(parser);
        if (discriminator != null) {
            JsonNode tag = node.get(discriminator);
            if (tag == null || !tag.isTextual()) {
                return context.reportInputMismatch(
                        this, "missing the \"%s\" property", discriminator);
            }
            for (Variant<T> variant : variants) {
                if (tag.textValue().equals(variant.tag())) {
                    return variant.reader().read(context, node);
                }
            }
            return context.reportInputMismatch(
                    this, "unknown \"%s\": \"%s\"", discriminator, tag.textValue());
        }
        JsonShape actual = JsonShape.of(node);
        JsonMappingException failure = null;
        for (Variant<T> variant : variants) {
            if (variant.shape().accepts(actual)) {
                try {
                    return variant.reader().read(context, node);
                } catch (JsonMappingException e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        String expected = variants.stream()
                .map(variant -> variant.shape().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return context.reportInputMismatch(
                this, "expected one of (%s), got %s", expected, node.getNodeType());
    }
}
