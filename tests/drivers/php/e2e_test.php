<?php

// End to end: the generated PHP client against the real ai-server, which calls
// a stand-in upstream (see tests/drivers/ai_server_fixture.py). Mirrors
// tests/drivers/typescript/e2e_test.mjs.
//   python3 ai_server_fixture.py --server <ai-server> -- php e2e_test.php <package dir>

declare(strict_types=1);

use AiServer\Client\AiServerClient;
use AiServer\Client\ApiException;
use AiServer\Client\Dto;

require __DIR__ . '/autoload.php';

$baseUrl = getenv('AI_SERVER_URL') ?: throw new RuntimeException('AI_SERVER_URL is not set');
$key = getenv('AI_SERVER_KEY') ?: throw new RuntimeException('AI_SERVER_KEY is not set');

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
