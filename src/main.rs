fn main() {
    println!("{}", serde_json::to_string_pretty(&dtogen_dto::schema::api_schema()).unwrap());
}
