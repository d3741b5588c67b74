<?php

// End to end: the generated PHP client against the real ai-server, which calls
// a stand-in upstream (see tests/drivers/ai_server_fixture.py). Mirrors
// tests/drivers/typescript/e2e_test.mjs.
//   python3 ai_server_fixture.py --server <ai-server> -- php e2e_test.php <package dir>

declare(strict_types=1);

use AiServer\Client\AiServerClient;
use AiServer\Client\ApiException;
use AiServer\Client\DecodeException;
use AiServer\Client\Dto;
use AiServer\Client\Json;
use AiServer\Client\RequestOptions;

require __DIR__ . '/autoload.php';

$baseUrl = getenv('AI_SERVER_URL') ?: throw new RuntimeException('AI_SERVER_URL is not set');
$key = getenv('AI_SERVER_KEY') ?: throw new RuntimeException('AI_SERVER_KEY is not set');
$upstreamUrl = getenv('AI_SERVER_UPSTREAM_URL') ?: throw new RuntimeException('AI_SERVER_UPSTREAM_URL is not set');
$vectors = dirname(__DIR__, 2) . '/vectors';

/** @return list<string> every chat body the stand-in upstream received, as JSON lines */
function upstream_lines(): array
{
    return file((string) getenv('AI_SERVER_UPSTREAM_LOG'), FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [];
}

/** The last chat body the upstream received, objects as \stdClass. */
function last_upstream(): stdClass
{
    $lines = upstream_lines();
    return json_decode((string) end($lines), false, 512, JSON_THROW_ON_ERROR);
}

function chat(string $model, string $text): Dto\OpenAiChatCompletion
{
    return new Dto\OpenAiChatCompletion(
        model: $model,
        messages: [new Dto\OpenAiMessage(role: Dto\OpenAiRole::user(), content: $text)],
    );
}

/**
 * The text the chunks carry, assembled.
 *
 * @param iterable<Dto\OpenAiChatChunk> $chunks
 */
function assemble(iterable $chunks): string
{
    $text = '';
    foreach ($chunks as $chunk) {
        foreach ($chunk->choices as $choice) {
            $text .= $choice->delta->content ?? '';
        }
    }
    return $text;
}

/** How many streams (sockets, files) this process has open. */
function open_streams(): int
{
    return count(get_resources('stream'));
}

function check(bool $condition, string $what): void
{
    if (!$condition) {
        throw new RuntimeException("assertion failed: {$what}");
    }
}

function same(mixed $expected, mixed $actual, string $what): void
{
    check($expected === $actual, $what . ': expected ' . var_export($expected, true) . ', got ' . var_export($actual, true));
}

/** Runs `$call`, which must throw ApiException, and returns it. */
function api_error(callable $call): ApiException
{
    try {
        $call();
    } catch (ApiException $error) {
        return $error;
    }
    throw new RuntimeException('expected an ApiException');
}

$tests = [
    'queue a job, follow it by RefId to completion, find it by tag' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $queued = $client->createOpenAiChat(new Dto\CreateOpenAiChat(
            refId: 'e2e-1',
            tag: 'e2e',
            request: new Dto\OpenAiChat(
                model: 'echo',
                messages: [new Dto\OpenAiMessage(role: Dto\OpenAiRole::user(), content: 'héllo 👋')],
                temperature: 0.25,
            ),
        ));
        same('e2e-1', $queued->refId, 'queued refId');
        check(is_int($queued->id), 'the job id is an int');

        $job = null;
        for ($attempt = 0; $attempt < 100; $attempt++) {
            $job = $client->getOpenAiChat(new Dto\GetOpenAiChat(refId: 'e2e-1'))->result;
            if ($job !== null && in_array($job->state->value, [Dto\JobState::COMPLETED, Dto\JobState::FAILED], true)) {
                break;
            }
            usleep(50_000);
        }
        check($job !== null, 'the job was found');
        same(Dto\JobState::COMPLETED, $job->state->value, 'job state (' . json_encode($job) . ')');
        same($queued->id, $job->id, 'job id');
        same('echo: héllo 👋', $job->response?->choices[0]->message->content, 'echoed content');
        same(0.25, $job->request->temperature, 'temperature');

        // What reached the upstream is the wire JSON: snake_case names, no unset fields.
        $lines = file((string) getenv('AI_SERVER_UPSTREAM_LOG'), FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES);
        $upstream = json_decode((string) end($lines), true, 512, JSON_THROW_ON_ERROR);
        same('héllo 👋', $upstream['messages'][0]['content'], 'upstream content');
        same(0.25, $upstream['temperature'], 'upstream temperature');
        check(!array_key_exists('top_p', $upstream), 'unset optional fields are not sent');

        $page = $client->queryOpenAiChat(new Dto\QueryOpenAiChat(tag: 'e2e', state: Dto\JobState::completed()));
        same(1, $page->total, 'query total');
        same('e2e-1', $page->results[0]->refId, 'query result refId');
    },
    'the synchronous OpenAI-compatible endpoint answers typed' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $response = $client->openAiChatCompletion(new Dto\OpenAiChatCompletion(
            model: 'echo',
            messages: [new Dto\OpenAiMessage(role: Dto\OpenAiRole::user(), content: 'sync')],
        ));
        same('chat.completion', $response->object, 'object');
        same('echo: sync', $response->choices[0]->message->content, 'content');
        same(5, $response->usage?->totalTokens, 'total tokens');
    },
    'server errors arrive as ApiException with the ResponseStatus' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $error = api_error(static fn () => $client->getOpenAiChat(new Dto\GetOpenAiChat(refId: 'no-such-job')));
        same(404, $error->status, 'not found status');
        same(404, $error->getCode(), 'status as the exception code');
        same('NotFound', $error->responseStatus?->errorCode, 'not found errorCode');

        $error = api_error(static fn () => $client->createOpenAiChat(new Dto\CreateOpenAiChat(
            request: new Dto\OpenAiChat(model: 'echo', messages: []),
        )));
        same(400, $error->status, 'validation status');
        same('request.messages', $error->responseStatus?->errors[0]->fieldName, 'validation field');

        $anonymous = new AiServerClient($baseUrl, 'wrong');
        $error = api_error(static fn () => $anonymous->openAiChatCompletion(
            new Dto\OpenAiChatCompletion(model: 'echo', messages: []),
        ));
        same(401, $error->status, 'unauthorized status');
        check($error->responseStatus !== null, 'an OpenAI-shaped 401 becomes a ResponseStatus');
    },
    'unknown properties survive a decode and re-encode, reasoning_content is readable' => static function () use ($vectors): void {
        $text = (string) file_get_contents("{$vectors}/OpenAiChatResponse/vendor-reasoning.json");
        $response = Dto\OpenAiChatResponse::fromJson($text);
        $message = $response->choices[0]->message;
        check(is_string($message->additionalProperties['reasoning_content'] ?? null), 'reasoning_content is kept');
        // `==` compares objects property by property, in any order.
        check(
            json_decode($text, false, 512, JSON_THROW_ON_ERROR) == json_decode(Json::encode($response), false, 512, JSON_THROW_ON_ERROR),
            'nothing lost: ' . Json::encode($response),
        );
        $chunk = Dto\OpenAiChatChunk::fromJson(
            (string) file_get_contents("{$vectors}/OpenAiChatChunk/vendor-reasoning-delta.json"),
        );
        same('First, 17 × 20 = 340', $chunk->choices[0]->delta->additionalProperties['reasoning_content'] ?? null, 'delta reasoning');
    },
    'integers are exact to 64 bits and refused beyond' => static function () use ($vectors): void {
        $response = Dto\OpenAiChatResponse::fromJson(
            (string) file_get_contents("{$vectors}/OpenAiChatResponse/int64-beyond-2-53.exact-or-refused.json"),
        );
        same(9007199254740993, $response->created, 'created beyond 2^53');
        same(PHP_INT_MAX, $response->usage?->promptTokens, 'int64 max');
        same(PHP_INT_MIN, $response->usage?->completionTokens, 'int64 min');
        try {
            Dto\OpenAiChatResponse::fromJson(
                (string) file_get_contents("{$vectors}/OpenAiChatResponse/int64-overflow.exact-or-refused.json"),
            );
            throw new RuntimeException('2^63 was not refused');
        } catch (DecodeException $error) {
            same('$.created', $error->path, 'the refused integer\'s path');
        }
    },
    'extra properties and empty objects reach the upstream as written' => static function () use ($upstreamUrl): void {
        $client = new AiServerClient($upstreamUrl);
        $request = chat('echo', 'extras');
        $request->additionalProperties['top_k'] = 40;
        $request->additionalProperties['options'] = (object) ['num_ctx' => 8192, 'stop' => []];
        $request->metadata = [];
        $request->tools = [new Dto\OpenAiTool(
            type: Dto\OpenAiToolType::function(),
            function: new Dto\OpenAiFunctionDefinition(
                name: 'noop',
                parameters: (object) ['type' => 'object', 'properties' => new stdClass()],
            ),
        )];
        $request->messages[0]->additionalProperties['cache_control'] = ['type' => 'ephemeral'];
        same('echo: extras', $client->openAiChatCompletion($request)->choices[0]->message->content, 'content');
        $lines = upstream_lines();
        check(str_contains((string) end($lines), '"top_k"'), 'top_k reached the upstream');
        $upstream = last_upstream();
        same(40, $upstream->top_k ?? null, 'top_k');
        same(8192, $upstream->options->num_ctx ?? null, 'nested extra object');
        same([], $upstream->options->stop ?? null, 'an empty list stays a list');
        check(($upstream->metadata ?? null) instanceof stdClass, 'an empty map is sent as {}');
        check(($upstream->tools[0]->function->parameters->properties ?? null) instanceof stdClass, 'free JSON {} stays {}');
        same('ephemeral', $upstream->messages[0]->cache_control->type ?? null, 'an extra property on a message');
    },
    'an extra top_k built in code reaches the upstream through ai-server' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $request = chat('echo', 'top k');
        $request->additionalProperties['top_k'] = 40;
        $client->openAiChatCompletion($request);
        $lines = upstream_lines();
        check(str_contains((string) end($lines), '"top_k"'), 'the upstream log\'s last line has top_k: ' . end($lines));
    },
    'a reply with unknown properties decodes with nothing lost (via ai-server)' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $response = $client->openAiChatCompletion(chat('echo', 'kept'));
        $again = Dto\OpenAiChatResponse::fromJson(Json::encode($response));
        same(Json::encode($response), Json::encode($again), 'a decoded reply re-encodes to itself');
    },
    'streaming via ai-server: echo chunks assemble the reply' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $request = chat('echo', 'stream me please');
        $stream = $client->openAiChatCompletionStream($request);
        check($stream instanceof Generator, 'a Generator');
        same('echo: stream me please', assemble($stream), 'assembled chunks');
        same(null, $request->stream, 'the caller\'s request is not changed');
        same(true, last_upstream()->stream ?? null, 'the stream flag was sent');
    },
    'streaming via ai-server: trickle chunks arrive one by one' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $started = microtime(true);
        $first = null;
        $text = '';
        foreach ($client->openAiChatCompletionStream(chat('trickle', 'one two three four')) as $chunk) {
            $first ??= microtime(true);
            foreach ($chunk->choices as $choice) {
                $text .= $choice->delta->content ?? '';
            }
        }
        $ended = microtime(true);
        same('echo: one two three four', $text, 'assembled chunks');
        check($first !== null && $ended - $first >= 0.6, sprintf(
            'the first chunk came %.2f s after the start and %.2f s before the end',
            ($first ?? $ended) - $started,
            $ended - ($first ?? $ended),
        ));
    },
    'streaming directly from the upstream: comments, event lines, CRLF, two-line data' => static function () use ($upstreamUrl): void {
        $client = new AiServerClient($upstreamUrl);
        $chunks = iterator_to_array($client->openAiChatCompletionStream(chat('echo', 'direct stream test')), false);
        same('echo: direct stream test', assemble($chunks), 'assembled chunks');
        same(Dto\OpenAiRole::ASSISTANT, $chunks[0]->choices[0]->delta->role?->value, 'the role chunk');
        same(7, count($chunks), 'role, four words, finish and usage chunks');
        same(7, end($chunks)->usage?->totalTokens, 'the usage chunk');
    },
    'stopping the iteration early closes the connection' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $before = open_streams();
        $started = microtime(true);
        foreach ($client->openAiChatCompletionStream(chat('trickle', 'a b c d e f g h')) as $chunk) {
            same(1, open_streams() - $before, 'one connection open while streaming');
            break;
        }
        same($before, open_streams(), 'the connection is closed after break');
        $took = microtime(true) - $started;
        check($took < 1.5, sprintf('the rest of the stream (2 s) was not read: took %.2f s', $took));
    },
    'a cut stream raises (via ai-server)' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $seen = 0;
        $error = api_error(static function () use ($client, &$seen): void {
            foreach ($client->openAiChatCompletionStream(chat('cut', 'cut me off')) as $chunk) {
                $seen++;
            }
        });
        check($seen >= 1, 'the chunks before the cut were yielded');
        check($error->getMessage() !== '', 'the error says what happened: ' . $error->getMessage());
    },
    'an error event raises (via ai-server)' => static function () use ($baseUrl, $key): void {
        $client = new AiServerClient($baseUrl, $key);
        $error = api_error(static fn () => assemble($client->openAiChatCompletionStream(chat('error-event', 'crash'))));
        check(str_contains($error->getMessage(), 'the model crashed'), 'the error event\'s message: ' . $error->getMessage());
    },
    'an error event raises with its details (directly)' => static function () use ($upstreamUrl): void {
        $client = new AiServerClient($upstreamUrl);
        $error = api_error(static fn () => assemble($client->openAiChatCompletionStream(chat('error-event', 'crash'))));
        same('model_crashed', $error->responseStatus?->errorCode, 'the error code');
        same('the model crashed', $error->responseStatus?->message, 'the error message');
    },
    'a 429 with Retry-After is retried' => static function () use ($upstreamUrl): void {
        $client = new AiServerClient($upstreamUrl);
        $text = 'rate ' . bin2hex(random_bytes(4));
        $started = microtime(true);
        same("echo: {$text}", $client->openAiChatCompletion(chat('rate-limited', $text))->choices[0]->message->content, 'reply');
        $waited = microtime(true) - $started;
        $sent = count(array_filter(upstream_lines(), static fn (string $line): bool => str_contains($line, $text)));
        same(2, $sent, 'the upstream saw the call twice');
        check($waited >= 0.14 && $waited < 0.9, sprintf('retry-after-ms (150 ms) was honoured: waited %.2f s', $waited));
        $streamed = 'rate stream ' . bin2hex(random_bytes(4));
        same("echo: {$streamed}", assemble($client->openAiChatCompletionStream(chat('rate-limited', $streamed))), 'streamed reply');
    },
    'a 429 is not retried when retries are off' => static function () use ($upstreamUrl): void {
        $client = new AiServerClient($upstreamUrl, maxRetries: 0);
        $error = api_error(static fn () => $client->openAiChatCompletion(chat('rate-limited', 'no retry ' . bin2hex(random_bytes(4)))));
        same(429, $error->status, 'status');
        same('req-429', $error->requestId, 'request id');
        same('rate_limited', $error->responseStatus?->errorCode, 'OpenAI error as a ResponseStatus');
    },
    '503 with a non-JSON body raises after the retries with status, text and request id' => static function () use ($upstreamUrl): void {
        $client = new AiServerClient($upstreamUrl);
        $text = 'down ' . bin2hex(random_bytes(4));
        $error = api_error(static fn () => $client->openAiChatCompletion(chat('unavailable', $text)));
        same(503, $error->status, 'status');
        same('req-unavailable', $error->requestId, 'request id');
        check(str_contains($error->getMessage(), '503'), 'the message names the status: ' . $error->getMessage());
        check(str_contains($error->getMessage(), '<html>upstream overloaded</html>'), 'the message shows the text');
        same('<html>upstream overloaded</html>', $error->body, 'the body text');
        $sent = count(array_filter(upstream_lines(), static fn (string $line): bool => str_contains($line, $text)));
        same(3, $sent, 'the first attempt and two retries');
    },
    'a timeout raises quickly' => static function () use ($upstreamUrl): void {
        $client = new AiServerClient($upstreamUrl, timeout: 0.5, maxRetries: 0);
        $started = microtime(true);
        $error = api_error(static fn () => $client->openAiChatCompletion(chat('slow', 'too slow')));
        $took = microtime(true) - $started;
        same(0, $error->status, 'status 0');
        check($error->timedOut, 'timedOut: ' . $error->getMessage());
        check($took < 1.5, sprintf('raised after %.2f s', $took));
        $options = new RequestOptions(timeout: 0.5, maxRetries: 0);
        $error = api_error(static fn () => assemble((new AiServerClient($upstreamUrl))->openAiChatCompletionStream(chat('slow', 'slow stream'), $options)));
        check($error->timedOut, 'a streamed call times out too');
    },
    'a connection failure is status 0 after the retries' => static function (): void {
        $probe = stream_socket_server('tcp://127.0.0.1:0');
        $address = stream_socket_get_name($probe, false);
        fclose($probe);
        $client = new AiServerClient("http://{$address}", maxRetries: 1);
        $error = api_error(static fn () => $client->openAiChatCompletion(chat('echo', 'nobody home')));
        same(0, $error->status, 'status 0');
        check(!$error->timedOut, 'not a timeout');
    },
    'the README\'s chat example runs (request and streaming loop)' => static function () use ($upstreamUrl): void {
        $readme = (string) file_get_contents(($GLOBALS['argv'][1] ?? '.') . '/README.md');
        preg_match_all('/```php\n(.*?)```/s', $readme, $blocks);
        $example = array_values(array_filter($blocks[1], static fn (string $code): bool => str_contains($code, 'Stream(')));
        check(count($example) === 1, 'the README has one streaming example');
        $code = str_replace(
            ["'http://localhost:5005'", "'gpt-4o-mini'"],
            [var_export($upstreamUrl, true), "'echo'"],
            $example[0],
        );
        ob_start();
        try {
            eval($code);
        } finally {
            $output = (string) ob_get_clean();
        }
        $reply = 'echo: What is the weather in Paris?';
        same("{$reply}\n{$reply}", $output, 'the example\'s output');
        same(40, last_upstream()->top_k ?? null, 'the extra property was sent');
    },
    'server-sent events split at CRLF, LF and CR, across reads' => static function (): void {
        $take = new ReflectionMethod(AiServerClient::class, 'takeLines');
        $lines = [];
        $afterCr = false;
        foreach (["data: a\r", "\ndata: b\rdata: c\n", "\r", "\n: note\r\r", "\nx"] as $piece) {
            $buffer = ($buffer ?? '') . $piece;
            $args = [&$buffer, &$afterCr];
            array_push($lines, ...$take->invokeArgs(null, $args));
        }
        same(['data: a', 'data: b', 'data: c', '', ': note', ''], $lines, 'lines');
        same('x', $buffer, 'the incomplete line is kept');
    },
];

$failed = 0;
foreach ($tests as $name => $test) {
    try {
        $test();
        echo "ok - {$name}\n";
    } catch (Throwable $error) {
        $failed++;
        echo "not ok - {$name}: {$error->getMessage()}\n";
    }
}
$passed = count($tests) - $failed;
echo "{$passed} passed, {$failed} failed\n";
exit($failed === 0 ? 0 : 1);
