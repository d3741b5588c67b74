// {{ banner }}

{% if has_client %}export 'src/client.dart';
{% endif %}export 'src/types.dart';
