//! The HTTP operations of the API: which request goes where and what it answers.

use schemars::JsonSchema;
use serde::{de::DeserializeOwned, Serialize};

use crate::openai::{OpenAiChatChunk, OpenAiChatResponse};
use crate::service::*;

/// A request type that is an API operation.
pub trait ApiOperation: Serialize + DeserializeOwned + JsonSchema {
    /// The type the operation answers with.
    type Response: Serialize + DeserializeOwned + JsonSchema;
    /// The HTTP method, upper case.
    const METHOD: &'static str;
    /// The path, from the server root.
    const PATH: &'static str;
}

macro_rules! operation {
    ($request:ty => $response:ty, $method:literal $path:literal) => {
        impl ApiOperation for $request {
            type Response = $response;
            const METHOD: &'static str = $method;
            const PATH: &'static str = $path;
        }
    };
}

operation!(CreateOpenAiChat => CreateOpenAiChatResponse, "POST" "/api/CreateOpenAiChat");
operation!(QueueOpenAiChatCompletion => QueueOpenAiChatResponse, "POST" "/api/QueueOpenAiChatCompletion");
operation!(GetOpenAiChat => GetOpenAiChatResponse, "GET" "/api/GetOpenAiChat");
operation!(GetOpenAiChatStatus => GetOpenAiChatStatusResponse, "GET" "/api/GetOpenAiChatStatus");
operation!(WaitForOpenAiChat => GetOpenAiChatResponse, "GET" "/api/WaitForOpenAiChat");
operation!(QueryOpenAiChat => QueryOpenAiChatResponse, "GET" "/api/QueryOpenAiChat");
// The OpenAI-compatible route, which also streams; ai-server serves the same
// request as AI Server's synchronous POST /api/OpenAiChatCompletion too.
operation!(OpenAiChatCompletion => OpenAiChatResponse, "POST" "/v1/chat/completions");

/// An operation that answers with server-sent events instead of one body when
/// the request's boolean `FLAG` property is true.
pub trait StreamedOperation: ApiOperation {
    /// The type of each event's `data`.
    type Event: Serialize + DeserializeOwned + JsonSchema;
    /// The request property (wire name) that turns streaming on.
    const FLAG: &'static str;
}

impl StreamedOperation for OpenAiChatCompletion {
    type Event = OpenAiChatChunk;
    const FLAG: &'static str = "stream";
}
