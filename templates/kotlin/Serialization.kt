// {{ banner }}
{% if suppress_deprecation %}
@file:Suppress("DEPRECATION")
{% endif %}
package {{ package }}

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.longOrNull
import kotlinx.serialization.serializer

/**
 * The [Json] settings these types are written for: unknown properties are ignored when
 * decoding, and properties left at their default are not written, so an unset optional
 * property (`null`) is omitted while a required nullable property still writes its `null`.
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
