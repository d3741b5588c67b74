"""End to end: the generated Python client against the real ai-server.

Run under tests/drivers/ai_server_fixture.py, which starts the server and a
stand-in upstream and sets AI_SERVER_URL, AI_SERVER_KEY and AI_SERVER_UPSTREAM_LOG:

    PYTHONPATH=<package>/src python3 ai_server_fixture.py --server <ai-server> -- python3 e2e_test.py
"""

import json
import os
import time
import unittest

from ai_server_client import (
    AiServerClient,
    ApiError,
    CreateOpenAiChat,
    GetOpenAiChat,
    JobState,
    OpenAiChat,
    OpenAiChatCompletion,
    OpenAiMessage,
    OpenAiRole,
    QueryOpenAiChat,
)

BASE_URL = os.environ["AI_SERVER_URL"]
KEY = os.environ["AI_SERVER_KEY"]


def upstream_bodies():
    with open(os.environ["AI_SERVER_UPSTREAM_LOG"], encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]


class EndToEndTest(unittest.TestCase):
    def test_queue_a_job_follow_it_by_ref_id_to_completion_and_find_it_by_tag(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        queued = client.create_open_ai_chat(
            CreateOpenAiChat(
                ref_id="e2e-1",
                tag="e2e",
                request=OpenAiChat(
                    model="echo",
                    messages=[OpenAiMessage(role=OpenAiRole.USER, content="héllo 👋")],
                    temperature=0.25,
                ),
            )
        )
        self.assertEqual(queued.ref_id, "e2e-1")
        self.assertIsInstance(queued.id, int)

        job = None
        for _ in range(100):
            job = client.get_open_ai_chat(GetOpenAiChat(ref_id="e2e-1")).result
            if job is not None and job.state in (JobState.COMPLETED, JobState.FAILED):
                break
            time.sleep(0.05)
        assert job is not None
        self.assertEqual(job.state, JobState.COMPLETED, job)
        self.assertEqual(job.id, queued.id)
        assert job.response is not None
        self.assertEqual(job.response.choices[0].message.content, "echo: héllo 👋")
        self.assertEqual(job.request.temperature, 0.25)
        # What reached the upstream: the unicode intact, unset optional fields left out.
        sent = upstream_bodies()[-1]
        self.assertEqual(sent["messages"], [{"role": "user", "content": "héllo 👋"}])
        self.assertEqual(sent["temperature"], 0.25)
        self.assertNotIn("stop", sent)
        self.assertNotIn("tools", sent)

        page = client.query_open_ai_chat(QueryOpenAiChat(tag="e2e", state=JobState.COMPLETED))
        self.assertEqual(page.total, 1)
        self.assertEqual(page.results[0].ref_id, "e2e-1")

    def test_the_synchronous_openai_compatible_endpoint_answers_typed(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        response = client.open_ai_chat_completion(
            OpenAiChatCompletion(model="echo", messages=[OpenAiMessage(role=OpenAiRole.USER, content="sync")])
        )
        self.assertEqual(response.object, "chat.completion")
        self.assertEqual(response.choices[0].message.content, "echo: sync")
        assert response.usage is not None
        self.assertEqual(response.usage.total_tokens, 5)

    def test_server_errors_arrive_as_api_error_with_the_response_status(self):
        client = AiServerClient(BASE_URL, bearer_token=KEY)
        with self.assertRaises(ApiError) as caught:
            client.get_open_ai_chat(GetOpenAiChat(ref_id="no-such-job"))
        self.assertEqual(caught.exception.status, 404)
        assert caught.exception.response_status is not None
        self.assertEqual(caught.exception.response_status.error_code, "NotFound")

        with self.assertRaises(ApiError) as caught:
            client.create_open_ai_chat(CreateOpenAiChat(request=OpenAiChat(model="echo", messages=[])))
        self.assertEqual(caught.exception.status, 400)
        status = caught.exception.response_status
        assert status is not None and status.errors
        self.assertEqual(status.errors[0].field_name, "request.messages")

        anonymous = AiServerClient(BASE_URL, bearer_token="wrong")
        with self.assertRaises(ApiError) as caught:
            anonymous.open_ai_chat_completion(OpenAiChatCompletion(model="echo", messages=[]))
        self.assertEqual(caught.exception.status, 401)
        self.assertIsNotNone(caught.exception.response_status, "an OpenAI-shaped 401 becomes a ResponseStatus")


if __name__ == "__main__":
    unittest.main()
