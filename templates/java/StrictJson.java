{{ head.banner }}
package {{ head.package }};

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Map;

/**
 * Strict decoding of the generated types' scalar values, whatever the
 * {@code ObjectMapper}'s settings: a value that is not of its declared JSON
 * type is an error. No coercion: {@code false} never becomes {@code "false"},
 * {@code "12"} never becomes 12, 1.5 never becomes 1, and an integer beyond
 * its Java type's range is refused, never rounded or wrapped.
 */
public final class StrictJson extends StdDeserializer<Object> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;

    private final JavaType type;

    /** The form Jackson instantiates; it takes its type from the property it decodes. */
    public StrictJson() {
        super(Object.class);
        this.type = null;
    }

    private StrictJson(JavaType type) {
        super(type);
        this.type = type;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
        JavaType target = property != null ? property.getType() : context.getContextualType();
        return target == null ? this : new StrictJson(target);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = context.readTree(parser);
        if (type == null) {
            return node;
        }
        String problem = check(node, type, "");
        if (problem != null) {
            return context.reportInputMismatch(this, "%s", problem);
        }
        return context.readTreeAsValue(node, type);
    }

    /**
     * What is wrong with {@code node} as a value of {@code type} (its scalars,
     * lists and maps; the generated types check themselves), or null when it fits.
     */
    public static String check(JsonNode node, JavaType type, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return node.isTextual() ? null : mismatch("a string", node, path);
        } else if (raw == Boolean.class) {
            return node.isBoolean() ? null : mismatch("a boolean", node, path);
        } else if (raw == Integer.class) {
            return node.isIntegralNumber() && node.canConvertToInt()
                    ? null : mismatch("an integer within int32", node, path);
        } else if (raw == Long.class) {
            return node.isIntegralNumber() && node.canConvertToLong()
                    ? null : mismatch("an integer within int64", node, path);
        } else if (raw == Double.class) {
            return node.isNumber() ? null : mismatch("a number", node, path);
        } else if (type.isCollectionLikeType()) {
            if (!node.isArray()) {
                return mismatch("an array", node, path);
            }
            for (int i = 0; i < node.size(); i++) {
                String problem = check(node.get(i), type.getContentType(), path + "[" + i + "]");
                if (problem != null) {
                    return problem;
                }
            }
        } else if (type.isMapLikeType()) {
            if (!node.isObject()) {
                return mismatch("an object", node, path);
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String problem = check(entry.getValue(), type.getContentType(), path + "." + entry.getKey());
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String mismatch(String expected, JsonNode node, String path) {
        String value = node.isValueNode() ? " " + node : "";
        return (path.isEmpty() ? "" : path.substring(path.startsWith(".") ? 1 : 0) + ": ")
                + "expected " + expected + ", got " + node.getNodeType() + value;
    }

    /** Decoding a required property that is null where the schema does not allow it is an error. */
    static <T> T required(T value, String property) {
        if (value == null) {
            throw new IllegalArgumentException("required property \"" + property + "\" is null");
        }
        return value;
    }
}
