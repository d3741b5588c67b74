"""The official OpenAI Python SDK, unchanged, against ai-server (base URL from argv)."""

import sys
import unittest

import openai

BASE_URL = sys.argv.pop(1)
KEY = "sdk-key"


class OpenAiPythonSdk(unittest.TestCase):
    def setUp(self):
        self.client = openai.OpenAI(base_url=BASE_URL, api_key=KEY, max_retries=0)

    def test_models_list_the_configured_models(self):
        ids = [model.id for model in self.client.models.list()]
        self.assertIn("echo", ids)

    def test_completion(self):
        reply = self.client.chat.completions.create(
            model="echo", messages=[{"role": "user", "content": "hi from python"}]
        )
        self.assertEqual(reply.choices[0].message.content, "echo: hi from python")
        self.assertEqual(reply.usage.total_tokens, 5)

    def test_streaming_relays_every_piece(self):
        stream = self.client.chat.completions.create(
            model="echo", messages=[{"role": "user", "content": "streamed"}], stream=True
        )
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
        self.assertEqual(text, "echo: streamed")

    def test_a_cut_stream_is_an_error_not_a_short_reply(self):
        with self.assertRaises(openai.APIError):
            stream = self.client.chat.completions.create(
                model="cut", messages=[{"role": "user", "content": "this will be cut"}], stream=True
            )
            for _ in stream:
                pass

    def test_wrong_key_is_an_authentication_error(self):
        client = openai.OpenAI(base_url=BASE_URL, api_key="wrong", max_retries=0)
        with self.assertRaises(openai.AuthenticationError):
            client.chat.completions.create(model="echo", messages=[{"role": "user", "content": "x"}])

    def test_unknown_model_is_not_found(self):
        with self.assertRaises(openai.NotFoundError):
            self.client.chat.completions.create(model="nope", messages=[{"role": "user", "content": "x"}])


if __name__ == "__main__":
    unittest.main(verbosity=2)
