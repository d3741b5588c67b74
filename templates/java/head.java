{{ head.banner }}
package {{ head.package }};
{% if !head.imports.is_empty() %}
{% for import in head.imports -%}
import {{ import }};
{% endfor %}
{%- endif %}
