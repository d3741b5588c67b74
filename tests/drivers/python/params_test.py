"""The generated Python client for tests/schemas/params.schema.json against
tests/drivers/echo_server.py, which answers every request with what it received.

    PYTHONPATH=<package>/src python3 echo_server.py -- python3 params_test.py
"""

import importlib
import os
import unittest

api = importlib.import_module(os.environ.get("DTOGEN_PARAMS_MODULE", "params_api"))


class ParamsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = api.ParamsApiClient(os.environ["ECHO_SERVER_URL"])

    def assert_no_body(self, echo):
        self.assertIsNone(echo.body)
        self.assertEqual(echo.headers.get("content-length", "0"), "0")
        self.assertNotIn("content-type", echo.headers)

    def test_methods_are_named_from_the_operation_else_the_request_type(self):
        for name in ["retrieve_model", "list_items", "update_item", "delete_item", "search_items", "create_item"]:
            self.assertTrue(callable(getattr(self.client, name, None)), name)

    def test_a_path_parameter_is_percent_encoded_and_there_is_no_body(self):
        echo = self.client.retrieve_model(api.RetrieveModelRequest(model="a b/c"))
        self.assertEqual(echo.method, "GET")
        self.assertEqual(echo.path, "/v1/models/a%20b%2Fc")
        self.assertEqual(echo.query, [])
        self.assert_no_body(echo)

    def test_everything_but_unreserved_characters_is_encoded_in_a_path(self):
        echo = self.client.retrieve_model(api.RetrieveModelRequest(model="A-z0._~!'()*é?#"))
        self.assertEqual(echo.path, "/v1/models/A-z0._~%21%27%28%29%2A%C3%A9%3F%23")

    def test_query_parameters_in_order_lists_repeated_and_a_header(self):
        request = api.ListItemsRequest(
            limit=3, order=api.ListItemsRequestOrder.DESC, tags=["x", "y z"], open_ai_organization="org-1"
        )
        echo = self.client.list_items(request)
        self.assertEqual(echo.method, "GET")
        self.assertEqual(echo.path, "/v1/items")
        self.assertEqual(echo.query, [["limit", "3"], ["order", "desc"], ["tags", "x"], ["tags", "y z"]])
        self.assertEqual(echo.headers.get("openai-organization"), "org-1")
        self.assert_no_body(echo)

    def test_absent_parameters_are_left_out(self):
        echo = self.client.list_items(api.ListItemsRequest(tags=[]))
        self.assertEqual(echo.query, [])
        self.assertNotIn("openai-organization", echo.headers)

    def test_one_field_is_the_body_without_the_path_and_header_parameters(self):
        request = api.UpdateItemRequest(
            item_id="a b/c", idempotency_key="k-1", item=api.Item(name="n", size=2)
        )
        echo = self.client.update_item(request)
        self.assertEqual(echo.method, "POST")
        self.assertEqual(echo.path, "/v1/items/a%20b%2Fc")
        self.assertEqual(echo.headers.get("idempotency-key"), "k-1")
        self.assertEqual(echo.headers.get("content-type"), "application/json")
        self.assertEqual(echo.body, {"name": "n", "size": 2})

    def test_delete_sends_a_boolean_query_parameter_as_json_text_and_no_body(self):
        echo = self.client.delete_item(api.DeleteItemRequest(item_id="i1", force=True))
        self.assertEqual(echo.method, "DELETE")
        self.assertEqual(echo.path, "/v1/items/i1")
        self.assertEqual(echo.query, [["force", "true"]])
        self.assert_no_body(echo)

    def test_the_body_is_the_fields_that_are_not_parameters(self):
        echo = self.client.search_items(api.SearchRequest(collection="c/1", query="q", limit=5))
        self.assertEqual(echo.path, "/v1/collections/c%2F1/search")
        self.assertEqual(echo.query, [])
        self.assertEqual(echo.body, {"query": "q", "limit": 5})

    def test_without_parameters_the_request_is_the_body(self):
        echo = self.client.create_item(api.CreateItem(name="n", size=1))
        self.assertEqual(echo.method, "POST")
        self.assertEqual(echo.path, "/v1/items")
        self.assertEqual(echo.body, {"name": "n", "size": 1})
        self.assertEqual(echo.headers.get("content-type"), "application/json")


if __name__ == "__main__":
    unittest.main()
