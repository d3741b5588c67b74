// The wide class of tests/schemas/big-class.schema.json (more properties than a
// JVM constructor takes, serialized in groups): decoded through its union,
// re-encoded to the same JSON (numbers as written, unknown properties kept),
// equal to itself decoded again, built with settable properties, and a missing
// required property refused. Run: java ... dtogen.driver.wide.WideTestKt
package dtogen.driver.wide

import bigclass.BigClassJson
import bigclass.BigClassSerializers
import bigclass.Either
import bigclass.Wide
import kotlinx.serialization.json.Json

fun main() {
    val text = """{"kind":"wide","count":9007199254740993,"ratio":0.5,"label":null,"class":"k","extra":"e",""" +
        """"dashed-name":true,"old":"o","payload":{"n":1.50},""" +
        """"nested":{"kind":"wide","count":1,"ratio":2.0,"label":"x","unknown":[1,{}]},""" +
        """"narrow":{"kind":"narrow","wide":{"kind":"wide","count":3,"ratio":4.0,"label":null}},""" +
        """"setting000":7,"setting248":"s","setting249":8,"vendor":{"a":1.0}}"""
    val either = BigClassJson.decodeFromString(Either.serializer(), text)
    val again = BigClassJson.encodeToString(Either.serializer(), either)
    check(Json.parseToJsonElement(again) == Json.parseToJsonElement(text)) { "re-encoded differently: $again" }
    check(again.contains("1.50")) { "a number was not kept as written: $again" }
    val wide = either as? Wide ?: error("decoded as ${either::class.simpleName}, not Wide")
    val decodedAgain = BigClassJson.decodeFromString(Wide.serializer(), again)
    check(wide == decodedAgain && wide.hashCode() == decodedAgain.hashCode()) { "not equal once decoded again" }
    val made = Wide(count = 1, ratio = 2.0, label = null).apply { setting001 = "x" }
    val written = BigClassJson.encodeToString(Wide.serializer(), made)
    check(written == """{"kind":"wide","count":1,"ratio":2.0,"label":null,"setting001":"x"}""") { written }
    check(runCatching { BigClassJson.decodeFromString(Wide.serializer(), "{}") }.isFailure) { "{} decoded" }
    check(BigClassSerializers["Wide"] != null) { "Wide is not in BigClassSerializers" }
    println("kotlin: the wide class round-trips")
}
