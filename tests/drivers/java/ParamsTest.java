// The generated client for tests/schemas/params.schema.json against
// tests/drivers/echo_server.py: every operation's path, query, headers and body
// as they arrived. Run: echo_server.py -- java -cp ... ParamsTest
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import params.api.CreateItem;
import params.api.DeleteItemRequest;
import params.api.Echo;
import params.api.Item;
import params.api.ListItemsRequest;
import params.api.ListItemsRequestOrder;
import params.api.ParamsApiClient;
import params.api.RetrieveModelRequest;
import params.api.SearchRequest;
import params.api.UpdateItemRequest;

public final class ParamsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static int failures;

    private static void check(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            failures++;
            System.out.println("FAIL " + what + ": expected " + expected + ", got " + actual);
        } else {
            System.out.println("ok   " + what);
        }
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    /** The body as it arrived ("null" when there was none). */
    private static String body(Echo echo) {
        return echo.getBody() == null ? "null" : echo.getBody().toString();
    }

    private static String contentType(Echo echo) {
        return String.valueOf(echo.getHeaders().get("content-type"));
    }

    public static void main(String[] args) throws Exception {
        ParamsApiClient client = new ParamsApiClient(System.getenv("ECHO_SERVER_URL"));

        Echo echo = client.retrieveModel(new RetrieveModelRequest("a b/c"));
        check("path parameter: method", "GET", echo.getMethod());
        check("path parameter: percent-encoded", "/v1/models/a%20b%2Fc", echo.getPath());
        check("path parameter: no query", List.of(), echo.getQuery());
        check("path parameter: no body", "null", body(echo));
        check("path parameter: no Content-Type", "null", contentType(echo));

        echo = client.listItems(new ListItemsRequest().setLimit(3L).setOrder(ListItemsRequestOrder.DESC)
                .setTags(List.of("x", "y z")).setOpenAiOrganization("org-1"));
        check("query: path", "/v1/items", echo.getPath());
        check("query: pairs in order, the list repeated",
                List.of(List.of("limit", "3"), List.of("order", "desc"), List.of("tags", "x"), List.of("tags", "y z")),
                echo.getQuery());
        check("header parameter", "org-1", echo.getHeaders().get("openai-organization"));
        check("query: no body", "null", body(echo));
        check("query: no Content-Type", "null", contentType(echo));

        echo = client.listItems(new ListItemsRequest());
        check("unset query parameters are omitted", List.of(), echo.getQuery());
        check("an unset header is omitted", false, echo.getHeaders().containsKey("openai-organization"));

        echo = client.updateItem(new UpdateItemRequest("a b/c", new Item("n").setSize(2L)).setIdempotencyKey("k-1"));
        check("body field: method", "POST", echo.getMethod());
        check("body field: path", "/v1/items/a%20b%2Fc", echo.getPath());
        check("body field: header", "k-1", echo.getHeaders().get("idempotency-key"));
        check("body field: the field's value is the body", json("{\"name\":\"n\",\"size\":2}"), echo.getBody());
        check("body field: Content-Type", "application/json", contentType(echo));
        check("body field: no query", List.of(), echo.getQuery());

        echo = client.deleteItem(new DeleteItemRequest("7").setForce(true));
        check("no body: method", "DELETE", echo.getMethod());
        check("no body: path", "/v1/items/7", echo.getPath());
        check("no body: boolean query as JSON text", List.of(List.of("force", "true")), echo.getQuery());
        check("no body: body", "null", body(echo));
        check("no body: no Content-Type", "null", contentType(echo));

        echo = client.searchItems(new SearchRequest("docs", "q").setLimit(5L));
        check("fields body: path", "/v1/collections/docs/search", echo.getPath());
        check("fields body: the path parameter is not in the body", json("{\"query\":\"q\",\"limit\":5}"), echo.getBody());

        echo = client.createItem(new CreateItem("n"));
        check("default naming: path", "/v1/items", echo.getPath());
        check("default naming: body", json("{\"name\":\"n\"}"), echo.getBody());

        System.out.println(failures == 0 ? "params: all passed" : "params: " + failures + " failed");
        System.exit(failures == 0 ? 0 : 1);
    }
}
