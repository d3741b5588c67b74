<?php

// The generated PHP client for tests/schemas/params.schema.json against
// tests/drivers/echo_server.py, which answers every request with what it received.
//   python3 echo_server.py -- php params_test.php <package dir>

declare(strict_types=1);

require __DIR__ . '/autoload.php';

use ParamsApi\Client\Dto;
use ParamsApi\Client\ParamsApiClient;

$client = new ParamsApiClient(getenv('ECHO_SERVER_URL') ?: throw new RuntimeException('ECHO_SERVER_URL is not set'));
$failures = 0;

function check(string $what, mixed $actual, mixed $expected): void
{
    global $failures;
    if ($actual !== $expected) {
        $failures++;
        fwrite(STDERR, "FAIL {$what}: expected " . var_export($expected, true) . ', got ' . var_export($actual, true) . "\n");
    }
}

/** Nothing was sent as a body: no bytes, no Content-Type. */
function checkNoBody(string $what, Dto\EchoType $echo): void
{
    check("{$what}: body", $echo->body, null);
    check("{$what}: content-length", $echo->headers['content-length'] ?? '0', '0');
    check("{$what}: content-type", $echo->headers['content-type'] ?? null, null);
}

foreach (['retrieveModel', 'listItems', 'updateItem', 'deleteItem', 'searchItems', 'createItem'] as $name) {
    check("method {$name}", method_exists($client, $name), true);
}

$echo = $client->retrieveModel(Dto\RetrieveModelRequest::fromArray(['model' => 'a b/c']));
check('path parameter: method', $echo->method, 'GET');
check('path parameter: path', $echo->path, '/v1/models/a%20b%2Fc');
check('path parameter: query', $echo->query, []);
checkNoBody('path parameter', $echo);

$echo = $client->retrieveModel(Dto\RetrieveModelRequest::fromArray(['model' => "A-z0._~!'()*é?#"]));
check('unreserved characters only', $echo->path, '/v1/models/A-z0._~%21%27%28%29%2A%C3%A9%3F%23');

$echo = $client->listItems(Dto\ListItemsRequest::fromArray(
    ['limit' => 3, 'order' => 'desc', 'tags' => ['x', 'y z'], 'OpenAI-Organization' => 'org-1'],
));
check('query: method', $echo->method, 'GET');
check('query: path', $echo->path, '/v1/items');
check('query: pairs', $echo->query, [['limit', '3'], ['order', 'desc'], ['tags', 'x'], ['tags', 'y z']]);
check('query: header', $echo->headers['openai-organization'] ?? null, 'org-1');
checkNoBody('query', $echo);

$echo = $client->listItems(Dto\ListItemsRequest::fromArray(['tags' => []]));
check('absent: query', $echo->query, []);
check('absent: header', $echo->headers['openai-organization'] ?? null, null);

$echo = $client->updateItem(Dto\UpdateItemRequest::fromArray(
    ['item_id' => 'a b/c', 'Idempotency-Key' => 'k-1', 'item' => ['name' => 'n', 'size' => 2]],
));
check('body field: method', $echo->method, 'POST');
check('body field: path', $echo->path, '/v1/items/a%20b%2Fc');
check('body field: header', $echo->headers['idempotency-key'] ?? null, 'k-1');
check('body field: content-type', $echo->headers['content-type'] ?? null, 'application/json');
check('body field: body', json_encode($echo->body), '{"name":"n","size":2}');

$echo = $client->deleteItem(Dto\DeleteItemRequest::fromArray(['item_id' => 'i1', 'force' => true]));
check('delete: method', $echo->method, 'DELETE');
check('delete: path', $echo->path, '/v1/items/i1');
check('delete: query', $echo->query, [['force', 'true']]);
checkNoBody('delete', $echo);

$echo = $client->searchItems(Dto\SearchRequest::fromArray(['collection' => 'c/1', 'query' => 'q', 'limit' => 5]));
check('fields body: path', $echo->path, '/v1/collections/c%2F1/search');
check('fields body: query', $echo->query, []);
check('fields body: body', json_encode($echo->body), '{"query":"q","limit":5}');

$echo = $client->createItem(Dto\CreateItem::fromArray(['name' => 'n', 'size' => 1]));
check('no parameters: method', $echo->method, 'POST');
check('no parameters: path', $echo->path, '/v1/items');
check('no parameters: body', json_encode($echo->body), '{"name":"n","size":1}');
check('no parameters: content-type', $echo->headers['content-type'] ?? null, 'application/json');

if ($failures > 0) {
    fwrite(STDERR, "{$failures} failed\n");
    exit(1);
}
echo "php params test: all passed\n";
