' {{ banner }}

Option Strict On
Option Explicit On
{%- if pragma %}
#Disable Warning BC40000, BC40008 ' deprecated types are still (de)serialized
{%- endif %}

{% for u in usings -%}
Imports {{ u }}
{% endfor %}
Namespace {{ namespace }}
{{ t.doc }}
{%- match t.kind %}
{%- when DnKind::Class with (_props) %}
{%- if t.obsolete %}    <Obsolete>
{% endif %}    Partial Public NotInheritable Class {{ t.name }}
{%- for vp in props %}
{%- let p = vp.p %}
{%- if !loop.first %}
{% endif %}
{{ p.doc }}
{%- if let Some(known) = vp.known_values %}        ''' <remarks>Known values: the constants of <see cref="{{ known }}"/>; any other string is kept too.</remarks>
{% endif %}
{%- match vp.node %}
{%- when Some(twin) %}        <JsonIgnore{% if p.obsolete %}, Obsolete{% endif %}>
        Public Property {{ p.name }} As {{ p.ty }}

        ''' <summary>The JSON of <see cref="{{ p.name }}"/>, as it is on the wire.</summary>
        <JsonPropertyName({{ p.wire }}){% if p.required %}, JsonRequired{% endif %}{% if p.omit_null %}, JsonIgnore(Condition:=JsonIgnoreCondition.WhenWritingNull){% endif %}, EditorBrowsable(EditorBrowsableState.Never)>
        Public Property {{ twin.name }} As JsonNode
            Get
                Return If(Me.{{ p.name }} Is Nothing, Nothing, {{ twin.to_node }})
            End Get
            Set(json As JsonNode)
                Me.{{ p.name }} = If(json Is Nothing, Nothing, {{ twin.from_node }})
            End Set
        End Property
{%- when None %}        <JsonPropertyName({{ p.wire }}){% if p.required && p.constant.is_none() %}, JsonRequired{% endif %}{% if p.omit_null %}, JsonIgnore(Condition:=JsonIgnoreCondition.WhenWritingNull){% endif %}{% if p.obsolete %}, Obsolete{% endif %}>
{%- match p.constant %}
{%- when Some(value) %}
        Public ReadOnly Property {{ p.name }} As {{ p.ty }} = {{ value }}
{%- when None %}
        Public Property {{ p.name }} As {{ p.ty }}
{%- endmatch %}
{%- endmatch %}
{%- endfor %}
{%- if !props.is_empty() %}
{% endif %}
        ''' <summary>The properties the schema does not know, as they arrived (written back when encoding); add to it to send extra ones, e.g. <c>JsonSerializer.SerializeToElement(40)</c>.</summary>
        <JsonExtensionData>
        Public Property {{ t.extension }} As Dictionary(Of String, JsonElement) = New Dictionary(Of String, JsonElement)()
    End Class
{%- when DnKind::Enum with (members) %}    ''' <remarks>An open enum: properties of this type are strings, so any value is accepted and kept; these are the known ones.</remarks>
{%- if t.obsolete %}
    <Obsolete>
{%- endif %}
    Public NotInheritable Class {{ t.name }}
        Private Sub New()
        End Sub
{%- for m in members %}

{{ m.doc }}        Public Const {{ m.name }} As String = {{ m.value }}
{%- endfor %}
    End Class
{%- when DnKind::Union with (u) %}    ''' <remarks>Holds one variant; <see cref="FromJsonNode"/> picks it {% if u.tag.is_some() %}by the tag{% else %}by the JSON shape{% endif %}.</remarks>
{%- if t.obsolete %}
    <Obsolete>
{%- endif %}
    Public NotInheritable Class {{ t.name }}
        Private ReadOnly _index As Integer
        Private ReadOnly _value As Object

        Private Sub New(index As Integer, value As Object)
            If value Is Nothing Then Throw New ArgumentNullException(NameOf(value))
            _index = index
            _value = value
        End Sub

        ''' <summary>The value of whichever variant this is.</summary>
        Public ReadOnly Property {{ t.value_member }} As Object
            Get
                Return _value
            End Get
        End Property
{%- for v in u.variants %}

{% if v.doc.is_empty() %}        ''' <summary>The <c>{{ v.name }}</c> variant.</summary>
{% else %}{{ v.doc }}{% endif %}        Public Shared Function From{{ v.name }}(value As {{ v.ty }}) As {{ t.name }}
            Return New {{ t.name }}({{ v.index }}, value)
        End Function

        ''' <summary>Whether the value is the <c>{{ v.name }}</c> variant.</summary>
        Public ReadOnly Property Is{{ v.name }} As Boolean
            Get
                Return _index = {{ v.index }}
            End Get
        End Property

        ''' <summary>The <c>{{ v.name }}</c> variant's value, or Nothing when the value is another variant.</summary>
        Public ReadOnly Property As{{ v.name }} As {{ v.nullable_ty }}
            Get
                If _index = {{ v.index }} Then Return DirectCast(_value, {{ v.ty }})
                Return Nothing
            End Get
        End Property
{%- endfor %}
{%- if u.implicit %}
{%- for v in u.variants %}

        ''' <summary>The <c>{{ v.name }}</c> variant.</summary>
        Public Shared Widening Operator CType(value As {{ v.ty }}) As {{ t.name }}
            Return From{{ v.name }}(value)
        End Operator
{%- endfor %}
{%- endif %}

        ''' <summary>Decodes the JSON of one variant; throws <see cref="JsonException"/> when none fits.</summary>
        Public Shared Function FromJsonNode(node As JsonNode) As {{ t.name }}
{%- match u.tag %}
{%- when Some(tag) %}
            Dim tag = JsonNodes.Tag(node, {{ tag }}, {{ u.label }})
            Select Case tag
{%- for v in u.variants %}
{%- if let Some(value) = v.tag %}
                Case {{ value }}
                    Return From{{ v.name }}({{ conversions[v.index].from_node }})
{%- endif %}
{%- endfor %}
                Case Else
                    Throw JsonNodes.UnknownTag({{ u.label }}, {{ tag }}, tag)
            End Select
{%- when None %}
            Dim kind = node.GetValueKind()
{%- for c in u.by_shape %}
{%- let v = u.variants[loop.index0] %}
{%- match c.test %}
{%- when Some(test) %}
            If {{ test }} Then Return From{{ v.name }}({{ conversions[v.index].from_node }})
{%- when None %}
            Return From{{ v.name }}({{ conversions[v.index].from_node }})
{%- endmatch %}
{%- endfor %}
{%- if u.shape_fallthrough %}
            Throw JsonNodes.NoMatchingShape({{ u.label }}, kind)
{%- endif %}
{%- endmatch %}
        End Function

        ''' <summary>The JSON of the value.</summary>
        Public Function ToJsonNode() As JsonNode
            Select Case _index
{%- for v in u.variants %}
                Case {{ v.index }}
                    Return {{ conversions[v.index].to_node }}
{%- endfor %}
                Case Else
                    Throw New InvalidOperationException("{{ t.file }}: no variant " & _index)
            End Select
        End Function
    End Class
{%- when DnKind::Alias with (_target) %}
{%- endmatch %}
End Namespace
