// {{ banner }}
{% if suppress_deprecation %}
@file:Suppress("DEPRECATION")
{% endif %}
package {{ package }}

import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
{% if grouped %}import kotlinx.serialization.descriptors.buildClassSerialDescriptor
{% endif %}import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.JsonUnquotedLiteral
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.longOrNull
import kotlinx.serialization.serializer

/**
 * The [Json] settings these types are written for: properties left at their default are not
 * written, so an unset optional property (`null`) is omitted while a required nullable property
 * still writes its `null`. Unknown properties are kept by every class (its `extra`), whatever
 * `ignoreUnknownKeys` says.
 */
val {{ json }}: Json = Json {
    ignoreUnknownKeys = true
    encodeDefaults = false
}

/** Every type's serializer by its schema name, for tools that pick the type at run time. */
val {{ serializers }}: Map<String, KSerializer<*>> = mapOf(
{%- for (key, ty) in entries %}
    {{ key }} to serializer<{{ ty }}>(),
{%- endfor %}
)

/** The string value of the tag property [key], or null when there is none. */
internal fun JsonElement.discriminator(key: String): String? {
    val tag = (this as? JsonObject)?.get(key) as? JsonPrimitive
    return if (tag != null && tag.isString) tag.content else null
}

/** The JSON shape of this element: string, boolean, integer, number, array, object or null. */
internal fun JsonElement.shape(): String = when (this) {
    is JsonArray -> "array"
    is JsonObject -> "object"
    JsonNull -> "null"
    is JsonPrimitive -> when {
        isString -> "string"
        booleanOrNull != null -> "boolean"
        longOrNull != null -> "integer"
        else -> "number"
    }
}

/** Whether this element has [shape]; an integer is a number too, and anything is `any`. */
internal fun JsonElement.hasShape(shape: String): Boolean {
    val actual = shape()
    return shape == actual || shape == "any" || (shape == "number" && actual == "integer")
}

internal fun unknownTag(type: String, key: String, tag: String?): SerializationException =
    SerializationException(
        if (tag == null) "expected $type with a string \"$key\" property" else "unknown $type \"$key\": \"$tag\"",
    )

internal fun unexpectedShape(type: String, shapes: String, element: JsonElement): SerializationException =
    SerializationException("expected one of $type's shapes ($shapes), got ${element.shape()}")

/** Reads the JSON object a class named [serialName] is decoded from and [decode]s it with the [Json] reading it. */
internal inline fun <T> Decoder.decodeObject(serialName: String, decode: (Json, JsonObject) -> T): T {
    val input = this as? JsonDecoder
        ?: throw SerializationException("$serialName can only be decoded from JSON")
    val element = input.decodeJsonElement()
    val fields = element as? JsonObject
        ?: throw SerializationException("expected $serialName as an object, got ${element.shape()}")
    return decode(input.json, fields)
}

/** The wire names of a class's properties. */
internal fun SerialDescriptor.elementNames(): Set<String> = (0 until elementsCount).map(::getElementName).toSet()

/**
 * A class's plugin-generated serializer, plus the properties the schema does not define:
 * decoding reads the JSON object, decodes the defined properties and keeps the rest verbatim
 * (nulls, nested objects, numbers as written) with [withExtra]; encoding writes the defined
 * properties, then every kept one the class did not write itself. JSON formats only.
 */
internal class ExtraPropertiesSerializer<T>(
    generated: () -> KSerializer<T>,
    private val extraOf: (T) -> JsonObject,
    private val withExtra: (T, JsonObject) -> T,
) : KSerializer<T> {
    // Lazy: recursive classes reach each other's serializer while they are being created.
    private val generated: KSerializer<T> by lazy(generated)
    private val known: Set<String> by lazy { this.generated.descriptor.elementNames() }

    override val descriptor: SerialDescriptor get() = generated.descriptor

    override fun deserialize(decoder: Decoder): T = decoder.decodeObject(descriptor.serialName) { json, fields ->
        val value = json.decodeFromJsonElement(generated, JsonObject(fields.filterKeys { it in known }))
        val rest = fields.filterKeys { it !in known }
        if (rest.isEmpty()) value else withExtra(value, JsonObject(rest))
    }

    override fun serialize(encoder: Encoder, value: T) {
        val output = encoder as? JsonEncoder
            ?: throw SerializationException("${descriptor.serialName} can only be encoded as JSON")
        val fields = output.json.encodeToJsonElement(generated, value) as? JsonObject
            ?: throw SerializationException("${descriptor.serialName} did not encode as an object")
        val extra = extraOf(value)
        output.encodeJsonElement(
            if (extra.isEmpty()) fields else JsonObject(fields + extra.filterKeys { it !in fields }.mapValues { it.value.verbatim() }),
        )
    }
}

{% if grouped %}
/**
 * Some of a wide class's properties (more than a JVM constructor takes): a generated serializer
 * for a class holding them, and how to take them from the wide class [T].
 */
internal class PropertyGroup<T, P>(generated: () -> KSerializer<P>, private val take: (T) -> P) {
    // Lazy: recursive classes reach each other's serializer while they are being created.
    private val serializer: KSerializer<P> by lazy(generated)

    /** The wire names of the group's properties. */
    val known: Set<String> by lazy { serializer.descriptor.elementNames() }

    fun decode(json: Json, fields: JsonObject): P =
        json.decodeFromJsonElement(serializer, JsonObject(fields.filterKeys { it in known }))

    fun encode(json: Json, value: T): JsonObject =
        json.encodeToJsonElement(serializer, take(value)) as? JsonObject
            ?: throw SerializationException("${serializer.descriptor.serialName} did not encode as an object")
}

/**
 * A wide class's serializer: each [PropertyGroup] decodes and encodes its own properties, and the
 * properties no group defines are kept as [ExtraPropertiesSerializer] keeps them: decoding passes
 * them to [assemble], encoding writes every kept one the groups did not write. JSON formats only.
 */
internal class GroupedPropertiesSerializer<T>(
    serialName: String,
    private val groups: List<PropertyGroup<T, *>>,
    private val assemble: (List<Any?>, JsonObject) -> T,
    private val extraOf: (T) -> JsonObject,
) : KSerializer<T> {
    override val descriptor: SerialDescriptor = buildClassSerialDescriptor(serialName)

    override fun deserialize(decoder: Decoder): T = decoder.decodeObject(descriptor.serialName) { json, fields ->
        val rest = fields.filterKeys { key -> groups.none { key in it.known } }
        assemble(groups.map { it.decode(json, fields) }, JsonObject(rest))
    }

    override fun serialize(encoder: Encoder, value: T) {
        val output = encoder as? JsonEncoder
            ?: throw SerializationException("${descriptor.serialName} can only be encoded as JSON")
        val fields = groups.fold(emptyMap<String, JsonElement>()) { written, group -> written + group.encode(output.json, value) }
        val extra = extraOf(value)
        output.encodeJsonElement(JsonObject(fields + extra.filterKeys { it !in fields }.mapValues { it.value.verbatim() }))
    }
}

{% endif -%}
/** Free-form JSON: a [JsonElement] whose numbers are written back exactly as they were read. */
typealias VerbatimJson = @Serializable(with = VerbatimJsonSerializer::class) JsonElement

/** Reads any JSON; writes it back with its numbers as written (see [verbatim]). */
internal object VerbatimJsonSerializer : KSerializer<JsonElement> {
    override val descriptor: SerialDescriptor get() = JsonElement.serializer().descriptor

    override fun deserialize(decoder: Decoder): JsonElement =
        (decoder as? JsonDecoder ?: throw SerializationException("JSON values can only be decoded from JSON"))
            .decodeJsonElement()

    override fun serialize(encoder: Encoder, value: JsonElement) {
        (encoder as? JsonEncoder ?: throw SerializationException("JSON values can only be encoded as JSON"))
            .encodeJsonElement(value.verbatim())
    }
}

/**
 * This element with every number as an unquoted literal of its own text: kotlinx.serialization
 * otherwise re-encodes a number through Long or Double (`1.50` would become `1.5`, and an integer
 * beyond 64 bits would be rounded).
 */
@OptIn(ExperimentalSerializationApi::class)
internal fun JsonElement.verbatim(): JsonElement = when (this) {
    is JsonObject -> JsonObject(mapValues { it.value.verbatim() })
    is JsonArray -> JsonArray(map { it.verbatim() })
    JsonNull -> this
    is JsonPrimitive -> if (isString || booleanOrNull != null) this else JsonUnquotedLiteral(content)
}
