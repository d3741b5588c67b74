// Round-trip driver for the generated Kotlin package, compiled together with its sources.
//   java ... dtogen.driver.RoundTripKt <package> <TypeName> <file.json>   prints the re-encoded JSON
//   java ... dtogen.driver.RoundTripKt <package> --batch                  stdin: TYPE<TAB>IN<TAB>OUT per line
package dtogen.driver

import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.Json
import java.io.File
import kotlin.system.exitProcess

/** The package's `<Title>Json` and `<Title>Serializers`, found by name in its Serialization.kt. */
class Generated(packageName: String) {
    private val facade = Class.forName("$packageName.SerializationKt")
    private fun getter(suffix: String): Any? =
        facade.methods.single { it.name.startsWith("get") && it.name.endsWith(suffix) && it.parameterCount == 0 }
            .invoke(null)

    val json: Json = getter("Json") as Json

    @Suppress("UNCHECKED_CAST")
    val serializers: Map<String, KSerializer<Any?>> = getter("Serializers") as Map<String, KSerializer<Any?>>

    fun roundTrip(type: String, file: File): String {
        val serializer = serializers[type] ?: error("unknown type $type")
        val value = json.decodeFromString(serializer, file.readText())
        return json.encodeToString(serializer, value) + "\n"
    }
}

fun main(args: Array<String>) {
    if (args.size < 2) {
        System.err.println("usage: RoundTripKt <package> (<TypeName> <file.json> | --batch)")
        exitProcess(2)
    }
    val generated = Generated(args[0])
    if (args[1] == "--batch") {
        var failed = 0
        for (line in generateSequence(::readlnOrNull)) {
            if (line.isBlank()) continue
            val (type, input, output) = line.split("\t")
            try {
                File(output).writeText(generated.roundTrip(type, File(input)))
            } catch (e: Exception) {
                failed++
                System.err.println("$type $input: ${e.message}")
            }
        }
        exitProcess(if (failed == 0) 0 else 1)
    }
    try {
        print(generated.roundTrip(args[1], File(args[2])))
    } catch (e: Exception) {
        System.err.println("error: ${e.message}")
        exitProcess(1)
    }
}
