// {{ banner }}

/// A JSON value that does not fit the type it is decoded as.
///
/// [path] says where, from the decoded root: `messages[0].role`.
class DecodeException implements Exception {
  DecodeException(this.message, [List<Object> path = const []]) : path = List.unmodifiable(path);

  /// What was wrong there.
  final String message;

  /// Property names (`String`) and array indices (`int`), outermost first.
  final List<Object> path;

  /// The path as text: `$`, `$.messages[0].role`.
  String get location {
    final out = StringBuffer(r'$');
    for (final step in path) {
      if (step is int) {
        out.write('[$step]');
      } else {
        out.write('.$step');
      }
    }
    return out.toString();
  }

  /// The same error, seen from one level up.
  DecodeException _under(Object step) => DecodeException(message, [step, ...path]);

  @override
  String toString() => 'DecodeException at $location: $message';
}

/// Runs [decode], with [step] added in front of the path of any [DecodeException].
T decodeAt<T>(Object step, T Function() decode) {
  try {
    return decode();
  } on DecodeException catch (error) {
    throw error._under(step);
  }
}

String _describe(Object? json) => switch (json) {
  null => 'null',
  bool() => 'a boolean',
  int() => 'an integer',
  num() => 'a number',
  String() => 'a string',
  List<dynamic>() => 'an array',
  Map<dynamic, dynamic>() => 'an object',
  _ => json.runtimeType.toString(),
};

Never _mismatch(String expected, Object? json) =>
    throw DecodeException('expected $expected, got ${_describe(json)}');

/// A JSON string.
String decodeString(Object? json) => json is String ? json : _mismatch('a string', json);

/// A JSON boolean.
bool decodeBool(Object? json) => json is bool ? json : _mismatch('a boolean', json);

/// A JSON integer, never a double: `jsonDecode` reads an integer beyond 64 bits
/// as a double, so it is refused here instead of rounded.
int decodeInt(Object? json) => json is int ? json : _mismatch('an integer', json);

/// A JSON number.
double decodeDouble(Object? json) => json is num ? json.toDouble() : _mismatch('a number', json);

/// Any JSON value, kept as `jsonDecode` returned it.
Object? decodeAny(Object? json) => json;

/// A JSON object, for a `fromJson(Map<String, dynamic>)` factory.
T Function(Object? json) decodeObject<T>(T Function(Map<String, dynamic> json) fromJson) =>
    (json) => json is Map<String, dynamic> ? fromJson(json) : _mismatch('an object', json);

/// `null`, or a value [decode] reads.
T? Function(Object? json) decodeNullable<T>(T Function(Object? json) decode) =>
    (json) => json == null ? null : decode(json);

/// A JSON array whose items [decode] reads.
List<T> Function(Object? json) decodeList<T>(T Function(Object? json) decode) => (json) {
  if (json is! List<dynamic>) _mismatch('an array', json);
  return [for (var i = 0; i < json.length; i++) decodeAt(i, () => decode(json[i]))];
};

/// A JSON object used as a map, whose values [decode] reads.
Map<String, T> Function(Object? json) decodeMap<T>(T Function(Object? json) decode) => (json) {
  if (json is! Map<String, dynamic>) _mismatch('an object', json);
  return {
    for (final MapEntry(:key, :value) in json.entries) key: decodeAt(key, () => decode(value)),
  };
};

/// A required property: it must be present (even when its type admits `null`).
T requiredProperty<T>(Map<String, dynamic> json, String key, T Function(Object? json) decode) {
  if (!json.containsKey(key)) {
    throw DecodeException('missing required property', [key]);
  }
  return decodeAt(key, () => decode(json[key]));
}

/// An optional property: missing or `null` reads as `null`.
T? optionalProperty<T>(Map<String, dynamic> json, String key, T Function(Object? json) decode) {
  final value = json[key];
  return value == null ? null : decodeAt(key, () => decode(value));
}

/// A `const` property: it must be present with exactly this value.
void constProperty(Map<String, dynamic> json, String key, String value, String message) {
  if (json[key] != value) {
    throw DecodeException(message, [key]);
  }
}

/// The properties of [json] whose names are not in [known], values untouched.
Map<String, dynamic> unknownProperties(Map<String, dynamic> json, Set<String> known) => {
  for (final MapEntry(:key, :value) in json.entries)
    if (!known.contains(key)) key: value,
};
