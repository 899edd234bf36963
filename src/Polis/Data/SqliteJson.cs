using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;

namespace Polis.Data;

/// <summary>
/// Values in the JSON rows of <see cref="BulkInsert"/> on SQLite, written so that <c>json_each(@rows)</c> and
/// <c>value -&gt;&gt; n</c> give SQLite the same value Microsoft.Data.Sqlite binds for the same CLR value: text in the
/// driver's formats (a Guid in upper case, a date <c>yyyy-MM-dd</c>, a time stamp with its offset, a decimal as
/// <c>0.0###…</c>), integers (a bool as 1 or 0), blobs as hex through <c>unhex</c>. A column of any other type is not
/// written this way (the bulk insert then binds parameters); StoringActivitiesInBulk compares the stored rows, type
/// and text, with an EF Core save's.
/// </summary>
internal static class SqliteJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly HashSet<Type> Plain =
    [
        typeof(string), typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(decimal), typeof(Guid), typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset), typeof(char),
    ];

    /// <summary>JSONB and <c>jsonb_each</c> came with SQLite 3.45 (the bundled library is newer; a system one may not be).</summary>
    public static bool Supported(System.Data.Common.DbConnection connection) =>
        Version.TryParse(connection.ServerVersion, out var version) && version >= new Version(3, 45);

    /// <summary>
    /// The plain type of a column's value as the database takes it: after the mapping's converter, without Nullable,
    /// an enum without a converter as its underlying number (what the bulk inserts of both providers write).
    /// </summary>
    public static Type ProviderType(CoreTypeMapping mapping)
    {
        var provider = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        provider = Nullable.GetUnderlyingType(provider) ?? provider;
        return provider.IsEnum ? Enum.GetUnderlyingType(provider) : provider;
    }

    /// <summary>
    /// The SQL that turns the JSON value <c>{0}</c> into the column's value, or null when a column of this mapping is
    /// not written as JSON.
    /// </summary>
    public static string? Expression(RelationalTypeMapping mapping)
    {
        var provider = ProviderType(mapping);
        if (provider == typeof(byte[])) return "unhex({0})";
        // A Guid mapped to a blob column would be bound as 16 bytes: not this way.
        if (provider == typeof(Guid) && !string.Equals(mapping.StoreType, "TEXT", StringComparison.OrdinalIgnoreCase)) return null;
        return Plain.Contains(provider) ? "{0}" : null;
    }

    /// <summary>Writes <paramref name="value"/> (a provider value: converted, DBNull for null) as the driver binds it.</summary>
    public static void Write(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case DBNull: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteNumberValue(b ? 1 : 0); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case short h: json.WriteNumberValue(h); break;
            case byte y: json.WriteNumberValue(y); break;
            case sbyte y: json.WriteNumberValue(y); break;
            case ushort h: json.WriteNumberValue(h); break;
            case uint i: json.WriteNumberValue(i); break;
            case decimal d: json.WriteStringValue(d.ToString("0.0###########################", CultureInfo.InvariantCulture)); break;
            case Guid g: json.WriteStringValue(g.ToString().ToUpperInvariant()); break;
            case DateOnly d: json.WriteStringValue(d.ToString("yyyy\\-MM\\-dd", CultureInfo.InvariantCulture)); break;
            case DateTime t: json.WriteStringValue(t.ToString("yyyy\\-MM\\-dd HH\\:mm\\:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t: json.WriteStringValue(t.ToString("yyyy\\-MM\\-dd HH\\:mm\\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)); break;
            case char c: json.WriteStringValue(c.ToString()); break;
            case byte[] bytes: json.WriteStringValue(Convert.ToHexString(bytes)); break;
            default: throw new InvalidOperationException($"A value of type {value.GetType().Name} is not written as JSON for SQLite.");
        }
    }
}
