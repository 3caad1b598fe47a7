using System.Text.Json;
using System.Text.Json.Serialization;

namespace MutualPlan.Web.Infrastructure;

/// <summary>
/// Writes decimals without trailing zeros ("3", not "3.00"): the databases return different
/// scales for the same stored number (PostgreSQL numeric(18,2) vs SQLite text), and API clients
/// should see one value whatever the provider.
/// </summary>
public sealed class DecimalJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value / 1.000000000000000000000000000000000m);
}
