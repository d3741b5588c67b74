//! The client side of operations' parameters that the echo-server tests
//! cannot reach: a schema's server URL becomes the clients' default base URL
//! (only the OpenAPI loader sets one), and method names come from the
//! operation's name, never from its request type.

use dtogen::cli::render;
use dtogen::lang::find;
use dtogen::model::{load, Model};

fn params_model() -> Model {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/params.schema.json"
    );
    let text = std::fs::read_to_string(path).expect("params schema readable");
    let document = serde_json::from_str(&text).expect("params schema is JSON");
    load(&document).expect("params schema loads")
}

/// The contents of `language`'s client file (the one whose path ends with `suffix`).
fn client_file(model: &Model, language: &str, suffix: &str) -> String {
    let backend = find(language).expect("known language");
    render(backend, model)
        .expect("renders")
        .into_iter()
        .find(|file| file.path.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("{language}: no file ending with {suffix}"))
        .contents
}

const CLIENTS: [(&str, &str, &str); 5] = [
    (
        "typescript",
        "src/client.ts",
        "constructor(baseUrl: string = DEFAULT_BASE_URL",
    ),
    (
        "javascript",
        "src/client.js",
        "constructor(baseUrl = DEFAULT_BASE_URL",
    ),
    ("python", "client.py", "base_url: str = DEFAULT_BASE_URL"),
    (
        "php",
        "ParamsApiClient.php",
        "string $baseUrl = self::DEFAULT_BASE_URL",
    ),
    (
        "dart",
        "lib/src/client.dart",
        "ParamsApiClient.withDefaultBaseUrl({",
    ),
];

#[test]
fn a_server_url_becomes_the_default_base_url() {
    let mut model = params_model();
    for (language, file, _) in CLIENTS {
        let text = client_file(&model, language, file);
        assert!(
            !text.contains("DEFAULT_BASE_URL") && !text.contains("defaultBaseUrl"),
            "{language}: a default without a server URL"
        );
    }
    model.base_url = Some("https://api.example.com/v1".to_owned());
    for (language, file, constructor) in CLIENTS {
        let text = client_file(&model, language, file);
        assert!(text.contains(constructor), "{language}: no `{constructor}`");
        assert!(
            text.contains("\"https://api.example.com/v1\"")
                || text.contains("'https://api.example.com/v1'"),
            "{language}: the server URL is not in the client"
        );
    }
}

#[test]
fn methods_are_named_from_the_operation_not_the_request_type() {
    let mut model = params_model();
    let op = model
        .operations
        .iter_mut()
        .find(|op| op.request == "CreateItem")
        .expect("CreateItem operation");
    op.name = "MakeThing".to_owned();
    let expected = [
        (
            "typescript",
            "src/client.ts",
            "makeThing(request: dto.CreateItem",
        ),
        ("javascript", "src/client.js", "makeThing(request, options)"),
        ("python", "client.py", "def make_thing("),
        (
            "php",
            "ParamsApiClient.php",
            "public function makeThing(Dto\\CreateItem $request",
        ),
        ("dart", "lib/src/client.dart", "Future<Echo> makeThing("),
    ];
    for (language, file, method) in expected {
        let text = client_file(&model, language, file);
        assert!(text.contains(method), "{language}: no `{method}`");
        assert!(
            !text.contains("createItem") && !text.contains("create_item"),
            "{language}: still named from the request type"
        );
    }
}
