// {{ banner }}

{% if has_client %}export 'src/client.dart';
{% endif %}export 'src/json.dart' show DecodeException;
export 'src/types.dart';
