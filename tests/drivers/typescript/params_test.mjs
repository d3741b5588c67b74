// The generated TypeScript (or JavaScript) client for tests/schemas/params.schema.json
// against tests/drivers/echo_server.py, which answers every request with what it received:
//   python3 echo_server.py -- env DTOGEN_PARAMS_PACKAGE=<index.js> node --test params_test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";

const api = await import(pathToFileURL(process.env.DTOGEN_PARAMS_PACKAGE).href);
const client = new api.ParamsApiClient(process.env.ECHO_SERVER_URL);

/** Nothing was sent as a body: no bytes (the decoded `body` is unset) and no Content-Type. */
function assertNoBody(echo) {
  assert.equal(echo.body, undefined);
  assert.equal(echo.headers["content-length"] ?? "0", "0");
  assert.equal(echo.headers["content-type"], undefined);
}

test("methods are named from the operation's name, else the request type", () => {
  for (const name of ["retrieveModel", "listItems", "updateItem", "deleteItem", "searchItems", "createItem"]) {
    assert.equal(typeof client[name], "function", name);
  }
});

test("a path parameter is percent-encoded into the path; no body, no Content-Type", async () => {
  const echo = await client.retrieveModel({ model: "a b/c" });
  assert.equal(echo.method, "GET");
  assert.equal(echo.path, "/v1/models/a%20b%2Fc");
  assert.deepEqual(echo.query, []);
  assertNoBody(echo);
});

test("every character but the unreserved ones is encoded in a path parameter", async () => {
  const echo = await client.retrieveModel({ model: "A-z0._~!'()*é?#" });
  assert.equal(echo.path, "/v1/models/A-z0._~%21%27%28%29%2A%C3%A9%3F%23");
});

test("query parameters: numbers and enums as text, lists repeated, in order; a header parameter", async () => {
  const echo = await client.listItems({ limit: 3, order: "desc", tags: ["x", "y z"], "OpenAI-Organization": "org-1" });
  assert.equal(echo.method, "GET");
  assert.equal(echo.path, "/v1/items");
  assert.deepEqual(echo.query, [["limit", "3"], ["order", "desc"], ["tags", "x"], ["tags", "y z"]]);
  assert.equal(echo.headers["openai-organization"], "org-1");
  assertNoBody(echo);
});

test("absent and null parameters are left out", async () => {
  const echo = await client.listItems({ limit: null, tags: [] });
  assert.deepEqual(echo.query, []);
  assert.equal(echo.headers["openai-organization"], undefined);
});

test("one field is the whole body; the path and header parameters are not in it", async () => {
  const echo = await client.updateItem({ item_id: "a b/c", "Idempotency-Key": "k-1", item: { name: "n", size: 2 } });
  assert.equal(echo.method, "POST");
  assert.equal(echo.path, "/v1/items/a%20b%2Fc");
  assert.equal(echo.headers["idempotency-key"], "k-1");
  assert.equal(echo.headers["content-type"], "application/json");
  assert.deepEqual(echo.body, { name: "n", size: 2 });
});

test("DELETE with no body: a boolean query parameter as its JSON text", async () => {
  const echo = await client.deleteItem({ item_id: "i1", force: true });
  assert.equal(echo.method, "DELETE");
  assert.equal(echo.path, "/v1/items/i1");
  assert.deepEqual(echo.query, [["force", "true"]]);
  assertNoBody(echo);
});

test("a body of the fields that are not parameters", async () => {
  const echo = await client.searchItems({ collection: "c/1", query: "q", limit: 5 });
  assert.equal(echo.path, "/v1/collections/c%2F1/search");
  assert.deepEqual(echo.query, []);
  assert.deepEqual(echo.body, { query: "q", limit: 5 });
});

test("without parameters the request is the body", async () => {
  const echo = await client.createItem({ name: "n", size: 1 });
  assert.equal(echo.method, "POST");
  assert.equal(echo.path, "/v1/items");
  assert.deepEqual(echo.body, { name: "n", size: 1 });
  assert.equal(echo.headers["content-type"], "application/json");
});
