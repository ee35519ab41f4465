using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanoidRl.Core.Config;

/// <summary>
/// Writes a term as the PascalCase of its key (linear_velocity_tracking: "LinearVelocityTracking"), values and
/// dictionary keys alike, so resolved-config.json reads as it did when the terms were enums.
/// </summary>
public abstract class TermNameJsonConverter<TTerm> : JsonConverter<TTerm>
    where TTerm : class
{
    protected abstract IReadOnlyList<TTerm> Known { get; }

    protected abstract string KeyOf(TTerm term);

    public override TTerm Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, TTerm value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(NameOf(value));
    }

    public override TTerm ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TTerm value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(NameOf(value));
    }

    private string NameOf(TTerm term) => ConfigKeyNames.PascalCase(KeyOf(term));

    private TTerm Parse(string? name) =>
        Known.FirstOrDefault(term => NameOf(term) == name) ?? throw new JsonException($"unknown {typeof(TTerm).Name} '{name}'");
}
