using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Resources;

namespace Polis.Platform;

/// <summary>
/// The interface strings (<see cref="Text"/>) looked up once per culture and name (issue 21, eighth pass). A
/// <see cref="ResourceManager"/> takes two locks for every string (its last used resource set's, then its reader's), and
/// an uncached search page asks for a few hundred: at 32 connections on two cores those lookups were 18 % of the page's
/// time in the profile, most of it threads spinning on the two locks. The answers are the same: a name not seen yet in
/// a culture is asked of the resource manager, with its fallback to the parent culture and to English, and what it
/// gave is kept. Bounded (a name may come from a request, e.g. a type filter's value): past <see cref="MaxEntries"/>
/// names are answered without being kept.
/// </summary>
internal sealed class CachedStrings : ResourceManager
{
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<(string Culture, string Name), string?> strings = new();

    private CachedStrings(string baseName, Assembly assembly) : base(baseName, assembly) { }

    public override string? GetString(string name, CultureInfo? culture)
    {
        var key = ((culture ?? CultureInfo.CurrentUICulture).Name, name);
        if (strings.TryGetValue(key, out var text)) return text;
        text = base.GetString(name, culture);
        if (strings.Count < MaxEntries) strings.TryAdd(key, text);
        return text;
    }

    /// <summary>
    /// Makes <see cref="Text"/> (the class the build writes from the strings.tsv files, through MSBuild's strongly typed
    /// resources) answer through a <see cref="CachedStrings"/>. That class keeps its manager in a private static field
    /// and offers no other way to replace it; if a new SDK names the field otherwise this throws, at the first start.
    /// </summary>
    public static void Install()
    {
        if (Text.ResourceManager is CachedStrings) return;
        var field = typeof(Text).GetField("resourceMan", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("Text has no resourceMan field: the strongly typed resource class changed; see CachedStrings.");
        field.SetValue(null, new CachedStrings(Text.ResourceManager.BaseName, typeof(Text).Assembly));
    }
}
