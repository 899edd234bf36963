using System.Reflection;
using NetArchTest.Rules;

namespace Polis.Tests.Architecture;

/// <summary>
/// The module walls of STYLE.md §3, proved on the compiled assemblies: a module uses another only through its
/// <c>Contracts/</c>; <c>Data/</c> and <c>Platform/</c> use no module's internals (Data's one exception, the identity
/// types of Accounts, is ADR 8); Polis.Search knows no module and no EF; Polis.Ingest knows no EF and no ASP.NET.
/// Razor views compile into <c>AspNetCoreGeneratedDocument</c> with their folder in the class name, so they are walled too.
/// </summary>
public sealed class KeepingTheModuleWalls
{
    private static readonly Assembly Polis = typeof(global::Polis.PolisModules).Assembly;

    /// <summary>Every module folder of src/Polis: found from the module descriptors, so a new module is walled without editing this test.</summary>
    public static TheoryData<string, string> ModulePairs()
    {
        var modules = Modules();
        var pairs = new TheoryData<string, string>();
        foreach (var a in modules)
            foreach (var b in modules.Where(b => b != a))
                pairs.Add(a, b);
        return pairs;
    }

    private static List<string> Modules() =>
        [.. global::Polis.PolisModules.All.Select(m => m.GetType().Namespace!["Polis.".Length..]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Full names of a namespace's types that are not in its Contracts (what others must not touch).</summary>
    private static string[] Internals(string module) =>
        [.. Polis.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == "Polis." + module || ns.StartsWith("Polis." + module + ".", StringComparison.Ordinal))
                && !(t.Namespace == "Polis." + module + ".Contracts" || t.Namespace!.StartsWith("Polis." + module + ".Contracts.", StringComparison.Ordinal))
                && !t.Name.StartsWith('<'))
            .Select(t => t.FullName!.Split('`')[0])
            .Distinct(StringComparer.Ordinal)];

    private static void AssertNoDependency(string who, PredicateList types, string[] forbidden)
    {
        if (forbidden.Length == 0) return;
        var result = types.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"{who} uses internals: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Theory]
    [MemberData(nameof(ModulePairs))]
    public void A_module_uses_another_only_through_its_contracts(string module, string other)
    {
        var forbidden = Internals(other);
        AssertNoDependency($"Polis.{module} → Polis.{other}", Types.InAssembly(Polis).That().ResideInNamespaceStartingWith($"Polis.{module}."), forbidden);
        AssertNoDependency($"Polis.{module} → Polis.{other}", Types.InAssembly(Polis).That().ResideInNamespace($"Polis.{module}"), forbidden);
        AssertNoDependency($"Pages of {module} → Polis.{other}",
            Types.InAssembly(Polis).That().ResideInNamespace("AspNetCoreGeneratedDocument").And().HaveNameStartingWith(module + "_"), forbidden);
    }

    [Fact]
    public void Every_module_that_others_use_has_a_contracts_folder()
    {
        foreach (var module in new[] { "Accounts", "Home", "Library", "Reference", "Searching" })
            Assert.Contains(Polis.GetTypes(), t => t.Namespace == $"Polis.{module}.Contracts");
    }

    [Fact]
    public void Data_uses_no_module_but_the_identity_types_of_accounts()
    {
        foreach (var module in Modules().Where(m => m != "Accounts"))
            AssertNoDependency($"Polis.Data → Polis.{module}", Types.InAssembly(Polis).That().ResideInNamespace("Polis.Data"), Internals(module));
        // ADR 8: PolisDb is Identity's DbContext, so it names PolisUser and PolisRole; nothing else of Accounts.
        var accounts = Internals("Accounts").Where(t => t is not ("Polis.Accounts.PolisUser" or "Polis.Accounts.PolisRole")).ToArray();
        AssertNoDependency("Polis.Data → Polis.Accounts", Types.InAssembly(Polis).That().ResideInNamespace("Polis.Data"), accounts);
    }

    [Fact]
    public void The_platform_uses_no_module_internals()
    {
        foreach (var module in Modules())
            AssertNoDependency($"Polis.Platform → Polis.{module}", Types.InAssembly(Polis).That().ResideInNamespace("Polis.Platform"), Internals(module));
    }

    [Fact]
    public void Polis_Search_knows_no_module_and_no_database()
    {
        var result = Types.InAssembly(typeof(global::Polis.Search.ISearchIndex).Assembly).ShouldNot()
            .HaveDependencyOnAny([.. Modules().Select(m => "Polis." + m), "Polis.Data", "Polis.Platform", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"])
            .GetResult();
        Assert.True(result.IsSuccessful, "Polis.Search depends on: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Polis_Ingest_knows_no_database_and_no_web()
    {
        var result = Types.InAssembly(typeof(global::Polis.Ingest.TextExtractor).Assembly).ShouldNot()
            .HaveDependencyOnAny([.. Modules().Select(m => "Polis." + m), "Polis.Data", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"])
            .GetResult();
        Assert.True(result.IsSuccessful, "Polis.Ingest depends on: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
