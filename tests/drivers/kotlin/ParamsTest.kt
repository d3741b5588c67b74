// The generated client for tests/schemas/params.schema.json against
// tests/drivers/echo_server.py: every operation's path, query, headers and body
// as they arrived. Run: echo_server.py -- java ... dtogen.driver.params.ParamsTestKt
package dtogen.driver.params

import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import paramsapi.CreateItem
import paramsapi.DeleteItemRequest
import paramsapi.Echo
import paramsapi.Item
import paramsapi.ListItemsRequest
import paramsapi.ListItemsRequestOrder
import paramsapi.ParamsApiClient
import paramsapi.RetrieveModelRequest
import paramsapi.SearchRequest
import paramsapi.UpdateItemRequest

private var failures = 0

private fun check(what: String, expected: Any?, actual: Any?) {
    if (expected == actual) {
        println("ok   $what")
    } else {
        failures++
        println("FAIL $what: expected $expected, got $actual")
    }
}

private fun json(text: String): JsonElement = Json.parseToJsonElement(text)

/** The body as it arrived; null when there was none. */
private fun body(echo: Echo): JsonElement? = echo.body?.takeIf { it != JsonNull }

fun main() = runBlocking {
    val client = ParamsApiClient(System.getenv("ECHO_SERVER_URL"))

    var echo = client.retrieveModel(RetrieveModelRequest(model = "a b/c"))
    check("path parameter: method", "GET", echo.method)
    check("path parameter: percent-encoded", "/v1/models/a%20b%2Fc", echo.path)
    check("path parameter: no query", emptyList<List<String>>(), echo.query)
    check("path parameter: no body", null, body(echo))
    check("path parameter: no Content-Type", null, echo.headers["content-type"])

    echo = client.listItems(
        ListItemsRequest(limit = 3, order = ListItemsRequestOrder.Desc, tags = listOf("x", "y z"), openAiOrganization = "org-1"),
    )
    check("query: path", "/v1/items", echo.path)
    check(
        "query: pairs in order, the list repeated",
        listOf(listOf("limit", "3"), listOf("order", "desc"), listOf("tags", "x"), listOf("tags", "y z")),
        echo.query,
    )
    check("header parameter", "org-1", echo.headers["openai-organization"])
    check("query: no body", null, body(echo))
    check("query: no Content-Type", null, echo.headers["content-type"])

    echo = client.listItems(ListItemsRequest())
    check("unset query parameters are omitted", emptyList<List<String>>(), echo.query)
    check("an unset header is omitted", false, "openai-organization" in echo.headers)

    echo = client.updateItem(UpdateItemRequest(itemId = "a b/c", idempotencyKey = "k-1", item = Item(name = "n", size = 2)))
    check("body field: method", "POST", echo.method)
    check("body field: path", "/v1/items/a%20b%2Fc", echo.path)
    check("body field: header", "k-1", echo.headers["idempotency-key"])
    check("body field: the field's value is the body", json("""{"name":"n","size":2}"""), body(echo))
    check("body field: Content-Type", "application/json", echo.headers["content-type"])
    check("body field: no query", emptyList<List<String>>(), echo.query)

    echo = client.deleteItem(DeleteItemRequest(itemId = "7", force = true))
    check("no body: method", "DELETE", echo.method)
    check("no body: path", "/v1/items/7", echo.path)
    check("no body: boolean query as JSON text", listOf(listOf("force", "true")), echo.query)
    check("no body: body", null, body(echo))
    check("no body: no Content-Type", null, echo.headers["content-type"])

    echo = client.searchItems(SearchRequest(collection = "docs", query = "q", limit = 5))
    check("fields body: path", "/v1/collections/docs/search", echo.path)
    check("fields body: the path parameter is not in the body", json("""{"query":"q","limit":5}"""), body(echo))

    echo = client.createItem(CreateItem(name = "n"))
    check("default naming: path", "/v1/items", echo.path)
    check("default naming: body", json("""{"name":"n"}"""), body(echo))

    println(if (failures == 0) "params: all passed" else "params: $failures failed")
    if (failures != 0) kotlin.system.exitProcess(1)
}
